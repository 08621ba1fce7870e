// Discord ids are snowflakes: milliseconds since the Discord epoch shifted left 22 bits, plus a
// per-process counter. Real-looking ids matter because Parley validates channel ids as 17-20 digits.
const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

export function nextSnowflake(at: number = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
}
