// First-level regions (states, provinces, nations) of the countries whose news datelines use
// them after a city name: "Hallandale Beach, Florida", "Toronto, Ontario", "Perth, WA".
// Codes are GeoNames admin1 codes, which is what the generated gazetteer stores per city.
import type { CountryCode } from '../../domain/types.ts';

export interface Region {
  country: CountryCode;
  admin1: string;
  names: string[];
}

const US_STATES: Array<[string, string, ...string[]]> = [
  ['AL', 'Alabama', 'Ala.'],
  ['AK', 'Alaska'],
  ['AZ', 'Arizona', 'Ariz.'],
  ['AR', 'Arkansas', 'Ark.'],
  ['CA', 'California', 'Calif.'],
  ['CO', 'Colorado', 'Colo.'],
  ['CT', 'Connecticut', 'Conn.'],
  ['DE', 'Delaware', 'Del.'],
  ['DC', 'District of Columbia', 'D.C.', 'DC'],
  ['FL', 'Florida', 'Fla.'],
  ['GA', 'Georgia', 'Ga.'],
  ['HI', 'Hawaii'],
  ['ID', 'Idaho'],
  ['IL', 'Illinois', 'Ill.'],
  ['IN', 'Indiana', 'Ind.'],
  ['IA', 'Iowa'],
  ['KS', 'Kansas', 'Kan.'],
  ['KY', 'Kentucky', 'Ky.'],
  ['LA', 'Louisiana', 'La.'],
  ['ME', 'Maine'],
  ['MD', 'Maryland', 'Md.'],
  ['MA', 'Massachusetts', 'Mass.'],
  ['MI', 'Michigan', 'Mich.'],
  ['MN', 'Minnesota', 'Minn.'],
  ['MS', 'Mississippi', 'Miss.'],
  ['MO', 'Missouri', 'Mo.'],
  ['MT', 'Montana', 'Mont.'],
  ['NE', 'Nebraska', 'Neb.'],
  ['NV', 'Nevada', 'Nev.'],
  ['NH', 'New Hampshire', 'N.H.'],
  ['NJ', 'New Jersey', 'N.J.'],
  ['NM', 'New Mexico', 'N.M.'],
  ['NY', 'New York', 'N.Y.'],
  ['NC', 'North Carolina', 'N.C.'],
  ['ND', 'North Dakota', 'N.D.'],
  ['OH', 'Ohio'],
  ['OK', 'Oklahoma', 'Okla.'],
  ['OR', 'Oregon', 'Ore.'],
  ['PA', 'Pennsylvania', 'Pa.'],
  ['RI', 'Rhode Island', 'R.I.'],
  ['SC', 'South Carolina', 'S.C.'],
  ['SD', 'South Dakota', 'S.D.'],
  ['TN', 'Tennessee', 'Tenn.'],
  ['TX', 'Texas', 'Tex.'],
  ['UT', 'Utah'],
  ['VT', 'Vermont', 'Vt.'],
  ['VA', 'Virginia', 'Va.'],
  ['WA', 'Washington', 'Wash.'],
  ['WV', 'West Virginia', 'W.Va.'],
  ['WI', 'Wisconsin', 'Wis.'],
  ['WY', 'Wyoming', 'Wyo.'],
];

const OTHER_REGIONS: Array<[CountryCode, string, ...string[]]> = [
  ['CA', '01', 'Alberta'],
  ['CA', '02', 'British Columbia', 'B.C.'],
  ['CA', '03', 'Manitoba'],
  ['CA', '04', 'New Brunswick'],
  ['CA', '05', 'Newfoundland and Labrador', 'Newfoundland'],
  ['CA', '07', 'Nova Scotia'],
  ['CA', '08', 'Ontario'],
  ['CA', '09', 'Prince Edward Island'],
  ['CA', '10', 'Quebec', 'Québec'],
  ['CA', '11', 'Saskatchewan'],
  ['CA', '12', 'Yukon'],
  ['CA', '13', 'Northwest Territories'],
  ['CA', '14', 'Nunavut'],
  ['AU', '01', 'Australian Capital Territory', 'ACT'],
  ['AU', '02', 'New South Wales', 'NSW'],
  ['AU', '03', 'Northern Territory'],
  ['AU', '04', 'Queensland'],
  ['AU', '05', 'South Australia'],
  ['AU', '06', 'Tasmania'],
  ['AU', '07', 'Victoria'],
  ['AU', '08', 'Western Australia'],
  ['GB', 'ENG', 'England'],
  ['GB', 'SCT', 'Scotland'],
  ['GB', 'WLS', 'Wales'],
  ['GB', 'NIR', 'Northern Ireland'],
];

export const REGIONS: Region[] = [
  ...US_STATES.map(([admin1, ...names]) => ({ country: 'US', admin1, names })),
  ...OTHER_REGIONS.map(([country, admin1, ...names]) => ({ country, admin1, names })),
];
