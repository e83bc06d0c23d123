import { readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { read } from 'shapefile';
import { quantize } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, quantile, simplify } from 'topojson-simplify';

/**
 * `npm run build:basemap [-- --source <dir>] [--keep 0.25] [--out <file>]`
 *
 * Builds the map page's basemap from the OCHA COD-AB Syria shapefiles (v02, valid on
 * 2020-12-17; country, governorates, districts, sub-districts): reads `syr_admin{0..3}.shp`
 * with their `.dbf` attribute tables (UTF-8, per the `.cpg` files) using `shapefile`, keeps
 * only each unit's P-code, English and Arabic names and parent P-code, builds one TopoJSON
 * topology (`topojson-server`, so shared borders are stored once), simplifies it
 * (`topojson-simplify`, Visvalingam weights, keeping the `--keep` fraction of points),
 * quantizes it (`topojson-client`) and writes one compact file, `web/basemap/syria-admin.topo.json`, which is committed. The raw
 * shapefiles stay outside the repository (default: `../shared/realdata/boundaries`, see its
 * SOURCES.md). Licence: OCHA COD-AB via HDX, CC BY-IGO; the page shows the attribution.
 *
 * Objects in the output: `admin0` … `admin3`, each a GeometryCollection whose geometries carry
 * `properties: { pcode, en, ar, parent }` (`parent` is null for the country).
 */
const here = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    source: { type: 'string', default: resolve(here, '../../../shared/realdata/boundaries') },
    keep: { type: 'string', default: '0.25' },
    out: { type: 'string', default: join(here, 'syria-admin.topo.json') },
  },
});

/** The attribute names of each COD-AB level: P-code, English and Arabic name, parent P-code. */
const LEVELS = [0, 1, 2, 3] as const;
type Level = (typeof LEVELS)[number];

const slim = (level: Level, feature: Feature<Geometry | null>): Feature<Geometry | null> => {
  const p = feature.properties ?? {};
  const at = (name: string) => (typeof p[name] === 'string' ? (p[name] as string) : null);
  return {
    type: 'Feature',
    geometry: feature.geometry,
    properties: {
      level,
      pcode: at(`adm${level}_pcode`),
      en: at(`adm${level}_name`),
      ar: at(`adm${level}_name1`),
      parent: level === 0 ? null : at(`adm${level - 1}_pcode`),
    },
  };
};

const readLevel = async (level: Level): Promise<FeatureCollection<Geometry | null>> => {
  const base = join(args.source, `syr_admin${level}`);
  const encoding = (await readFile(`${base}.cpg`, 'utf8').catch(() => 'UTF-8')).trim();
  const collection = await read(`${base}.shp`, `${base}.dbf`, { encoding });
  return { type: 'FeatureCollection', features: collection.features.map((f) => slim(level, f)) };
};

const main = async () => {
  const keep = Number(args.keep);
  if (!(keep > 0 && keep <= 1)) throw new Error(`--keep must be in (0, 1], not ${args.keep}`);
  const objects: Record<string, FeatureCollection<Geometry | null>> = {};
  for (const level of LEVELS) objects[`admin${level}`] = await readLevel(level);
  // Simplify on full-precision coordinates, then quantize (1e4 steps across the extent: about
  // 80 m in Syria, under a pixel at the zooms the page offers) and delta-encode the arcs.
  const topo = presimplify(topology(objects));
  const simplified = quantize(simplify(topo, quantile(topo, keep)), 1e4);
  await writeFile(args.out, JSON.stringify(simplified));
  const counts = LEVELS.map((l) => `admin${l}: ${objects[`admin${l}`]!.features.length}`).join(', ');
  process.stdout.write(`wrote ${args.out} (${((await stat(args.out)).size / 1024).toFixed(0)} KiB; ${counts})\n`);
};

main().catch((error: unknown) => {
  process.stderr.write(`build-basemap failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
