/**
 * The V8 flags `npm run rebuild` runs node with (package.json's `rebuild` script; a test keeps
 * the two alike, and the `rebuild` benchmark runs both the rebuild and its read baseline with
 * them).
 *
 * `--max-semi-space-size=64` (MiB; V8's default at this heap size is 16): a rebuild builds a
 * gigabyte of read models that all survive, and each scavenge of a small young generation
 * copies what the last pages added and walks every old map and list that points at them. With
 * 64 MiB there are a quarter as many scavenges: 2,000,000 events rebuild ~10% faster, while
 * merely reading them gains ~2% (issue 14, `npm run bench -- --only rebuild`). The process
 * holds ~70 MiB more young generation. The service keeps V8's default: its memory target is
 * tighter (`rss-2m`) and its garbage mostly dies young.
 */
export const REBUILD_NODE_FLAGS = ['--max-semi-space-size=64'] as const;
