// node_wasi.mjs - run a WASI command under Node's V8 for bench/run.
//
//     node bench/node_wasi.mjs PROG.wasm ARGV0 [ARG...]
//
// The program sees ARGV0 ARG... as its arguments, no environment and no
// preopened directories; its exit status is node's.  Node prints an
// ExperimentalWarning about WASI on stderr.
import { readFileSync } from 'node:fs';
import { argv, exit } from 'node:process';
import { WASI } from 'node:wasi';

if (argv.length < 4) {
  console.error('usage: node node_wasi.mjs PROG.wasm ARGV0 [ARG...]');
  exit(2);
}
const wasi = new WASI({ version: 'preview1', args: argv.slice(3), env: {},
                        returnOnExit: true });
const module = await WebAssembly.compile(readFileSync(argv[2]));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
exit(wasi.start(instance));
