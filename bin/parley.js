#!/usr/bin/env node
// The `parley` command. Runs the TypeScript sources through tsx so that there is no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv.slice(2));
process.exitCode = code;
// A one-shot command is done when main returns; a library handle left open (a keep-alive
// socket, a timer) must not keep the terminal waiting. The timer is unref'd, so a process that
// ends on its own never waits for it.
setTimeout(() => process.exit(code), 2000).unref();
