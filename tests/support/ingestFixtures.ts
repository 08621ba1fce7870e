// Short articles of our own wording about real diplomatic events, for ingest and dedup tests.

export const GENEVA_TALKS = [
  'Negotiators from the United States and Ukraine met in Geneva on Sunday to rework a draft peace framework that had drawn criticism in Kyiv and in several European capitals.',
  'The American delegation was led by Secretary of State Marco Rubio, while the Ukrainian side was headed by Andriy Yermak, who then led the presidential office.',
  'Both delegations described the session as productive and said a revised text would be shared with leaders in the following days.',
  'European national security advisers held separate consultations in the same city and pressed for changes to the provisions on territory and on the size of the armed forces.',
].join('\n\n');

/** The same report as GENEVA_TALKS as a syndication partner ran it: a new first sentence, a few words changed, the last paragraph cut. */
export const GENEVA_TALKS_SYNDICATED = [
  'Negotiators from the US and Ukraine met in Geneva on Sunday to rework a draft peace framework that had drawn criticism in Kyiv and in several European capitals.',
  'The American delegation was led by Secretary of State Marco Rubio, while the Ukrainian side was headed by Andriy Yermak, who at the time led the presidential office.',
  'Both delegations described the session as productive and said a revised text would be shared with leaders in the coming days.',
  'European national security advisers held separate consultations in the same city and pressed for changes to the provisions on territory.',
].join('\n\n');

/** A different article on the same story: the same facts in other words. */
export const GENEVA_TALKS_OTHER_OUTLET = [
  'Talks in Switzerland between Washington and Kyiv ended on Sunday evening with both sides saying the draft plan had been improved.',
  'Marco Rubio told reporters that the remaining disagreements were not insurmountable and that he expected the presidents to settle them.',
  'Andriy Yermak, heading the team sent by Kyiv, thanked the American negotiators and said Ukraine would never accept a deal that rewarded aggression.',
  'Diplomats from Britain, France and Germany were also in the city and met both delegations over the weekend, according to officials familiar with the talks.',
].join('\n\n');

export const ISTANBUL_TALKS = [
  'Delegations from Russia and Ukraine held their first direct talks in three years at the Dolmabahce Palace in Istanbul on May 16, 2025.',
  'The Ukrainian team was led by Defence Minister Rustem Umerov and the Russian team by presidential aide Vladimir Medinsky.',
  'The meeting lasted less than two hours and ended with an agreement to exchange a thousand prisoners of war from each side.',
].join('\n\n');
