import { writeSync } from 'node:fs';

// Loaded with --import into a service the bench starts (bench/lib/service.ts): its peak
// resident set over its whole life, written as it exits (after its last snapshot save).
process.on('exit', () => {
  writeSync(2, `sijill-peak-rss-kib ${process.resourceUsage().maxRSS}\n`);
});
