/**
 * One benchmark case in a fresh process (so its peak memory is its own):
 *   tsx bench/case.ts <id> <image side> <volume side> <result file>
 * Prints one JSON line {id, ms, median, maxRssMB}; writes the result as float64 LE.
 */
import { writeFileSync } from 'node:fs';
import { CASES } from './cases';
import { timeRuns } from './timing';

const [id, image, volume, resultFile] = process.argv.slice(2);
const c = CASES.find((k) => k.id === id);
if (!c) {
  console.error(`bench/case.ts: unknown case "${id}"; cases: ${CASES.map((k) => k.id).join(', ')}`);
  process.exit(2);
}
const run = c.prepare({ image: Number(image), volume: Number(volume) });
const { ms, median, result } = timeRuns(run);
writeFileSync(resultFile, Buffer.from(Float64Array.from(result).buffer));
console.log(JSON.stringify({ id, ms, median, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
