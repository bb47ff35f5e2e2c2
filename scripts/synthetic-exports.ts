/**
 * Synthetic ACLED- and UCDP-GED-shaped CSV files for benchmarks: deterministic (a seeded
 * generator), clustered around the gazetteer's real towns, every row saying it is synthetic
 * (ids SYN…/8…, notes and headlines "SYNTHETIC DATA"). Never real events; never for the map.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import { places } from '../geo/gazetteer';
import { random } from '../lib/synthetic/fill';

const towns = places.filter((p) => p.kind === 'town' || p.kind === 'village');
const TYPES: [string, string][] = [
  ['Battles', 'Armed clash'],
  ['Battles', 'Government regains territory'],
  ['Explosions/Remote violence', 'Air/drone strike'],
  ['Explosions/Remote violence', 'Shelling/artillery/missile attack'],
  ['Violence against civilians', 'Attack'],
  ['Protests', 'Peaceful protest'],
  ['Strategic developments', 'Looting/property destruction'],
];
const ACTORS = [
  ['Synthetic State Forces', 'State forces'],
  ['Synthetic Rebel Group A', 'Rebel group'],
  ['Synthetic Rebel Group B', 'Rebel group'],
  ['Synthetic Militia', 'Identity militia'],
  ['Synthetic External Forces', 'External/Other forces'],
  ['Civilians (Synthetic)', 'Civilians'],
];
const SOURCES = ['Synthetic Wire', 'Synthetic Monitor', 'Synthetic Daily'];

const quote = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

async function writeLines(file: string, count: number, header: string, line: (i: number) => string) {
  const out = fs.createWriteStream(file);
  out.write(`${header}\n`);
  for (let i = 0; i < count; i++) {
    if (!out.write(`${line(i)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

const day = (rand: () => number) => {
  const d = new Date(Date.UTC(2015, 0, 1) + Math.floor(rand() * 9 * 365) * 86_400_000);
  return d.toISOString().slice(0, 10);
};

export async function syntheticAcled(file: string, count: number, seed = 1): Promise<void> {
  const rand = random(seed);
  const header =
    'event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp';
  await writeLines(file, count, header, (i) => {
    const town = towns[Math.floor(rand() * towns.length)] ?? towns[0];
    const [type, sub] = TYPES[Math.floor(rand() * TYPES.length)] ?? TYPES[0] ?? ['Battles', 'Armed clash'];
    const a1 = ACTORS[Math.floor(rand() * 5)] ?? ['x', 'x'];
    const a2 = ACTORS[Math.floor(rand() * ACTORS.length)] ?? ['x', 'x'];
    const date = day(rand);
    const lat = (town?.lat ?? 35.9) + (rand() - 0.5) * 0.04;
    const lon = (town?.lon ?? 36.6) + (rand() - 0.5) * 0.04;
    const fatalities = rand() < 0.6 ? 0 : Math.floor(rand() ** 3 * 40);
    return [
      `SYN${i}`,
      date,
      date.slice(0, 4),
      rand() < 0.9 ? '1' : '2',
      'Political violence',
      type,
      sub,
      a1[0],
      rand() < 0.2 ? 'Synthetic Militia; Synthetic Rebel Group B' : '',
      a1[1],
      a2[0],
      '',
      a2[1],
      '',
      '',
      '760',
      'Middle East',
      'Syria',
      town?.admin1 ?? 'Idleb',
      '',
      '',
      town?.name.en ?? 'Idlib',
      lat.toFixed(4),
      lon.toFixed(4),
      rand() < 0.85 ? '1' : '2',
      SOURCES.slice(0, 1 + Math.floor(rand() * 3)).join('; '),
      'National',
      quote(`SYNTHETIC DATA generated for a benchmark (row ${i}); not a real event.`),
      String(fatalities),
      '',
      '1700000000',
    ]
      .map((v = '') => (v.startsWith('"') ? v : quote(v)))
      .join(',');
  });
}

export async function syntheticUcdp(file: string, count: number, seed = 2): Promise<void> {
  const rand = random(seed);
  const header =
    'id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,conflict_name,dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,side_b_dset_id,side_b_new_id,side_b,number_of_sources,source_article,source_office,source_date,source_headline,source_original,where_prec,where_coordinates,where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,low,gwnoa,gwnob';
  await writeLines(file, count, header, (i) => {
    const town = towns[Math.floor(rand() * towns.length)] ?? towns[0];
    const violence = 1 + Math.floor(rand() * 3);
    const date = day(rand);
    const [a, b, c, u] = [0, 0, 0, 0].map(() => (rand() < 0.5 ? 0 : Math.floor(rand() * 6)));
    const best = (a ?? 0) + (b ?? 0) + (c ?? 0) + (u ?? 0);
    const sideA = violence === 3 ? 'Synthetic Rebel Group A' : 'Government of Synthetica';
    const sideB = violence === 3 ? 'Civilians' : 'Synthetic Rebel Group B';
    return [
      String(800_000_000 + i),
      `SYN-${i}`,
      date.slice(0, 4),
      '1',
      'Clear',
      String(violence),
      '1',
      '1',
      'Synthetic conflict',
      '1',
      '1',
      `${sideA} - ${sideB}`,
      '1',
      '1',
      sideA,
      '2',
      '2',
      sideB,
      '1',
      quote(`"Synthetic Wire,${date},SYNTHETIC DATA headline ${i}"`),
      'Synthetic Wire',
      date,
      'SYNTHETIC DATA',
      '',
      String(1 + Math.floor(rand() * 4)),
      `${town?.name.en ?? 'Idlib'} town`,
      'SYNTHETIC DATA',
      town?.admin1 ?? 'Idlib governorate',
      '',
      ((town?.lat ?? 35.9) + (rand() - 0.5) * 0.04).toFixed(4),
      ((town?.lon ?? 36.6) + (rand() - 0.5) * 0.04).toFixed(4),
      '',
      '0',
      'Syria',
      '652',
      'Middle East',
      '1',
      '1',
      date,
      date,
      String(a),
      String(b),
      String(c),
      String(u),
      String(best),
      String(best + Math.floor(rand() * 3)),
      String(Math.max(0, best - Math.floor(rand() * 3))),
      '652',
      '',
    ].join(',');
  });
}
