// The DuckDB peer of tests/bench/bench.sh, for machines without a duckdb
// binary: runs SQL with DuckDB's Node.js package (@duckdb/node-api,
// installed by bench.sh into tests/bench/cache/node_modules).
//
//   node duckdb.mjs [--threads N] [--csv] SQL
//
// Prints on standard output the seconds the query took inside DuckDB,
// measured from just before the query to its end: Node's start-up and
// loading DuckDB are left out, which favours DuckDB.  With --csv the
// result rows are printed as CSV after a line "--" instead (for checking
// that the peer computes what crmkit computes); a query that writes its
// own output (COPY ... TO) prints nothing more.
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

// The package lives in cache/ beside this script (or where
// CRM_BENCH_CACHE says), not in a node_modules of the source tree.
const here = path.dirname(fileURLToPath(import.meta.url));
const cache = process.env.CRM_BENCH_CACHE || path.join(here, 'cache');
const require = createRequire(path.join(cache, 'package.json'));
const { DuckDBInstance } = await import(
	pathToFileURL(require.resolve('@duckdb/node-api')).href);

let threads = '2';
let csv = false;
const args = process.argv.slice(2);
while (args.length > 1) {
	if (args[0] === '--threads') {
		threads = args[1];
		args.splice(0, 2);
	} else if (args[0] === '--csv') {
		csv = true;
		args.shift();
	} else {
		break;
	}
}
if (args.length !== 1) {
	process.stderr.write('usage: node duckdb.mjs [--threads N] [--csv] SQL\n');
	process.exit(2);
}
const instance = await DuckDBInstance.create(':memory:', { threads });
const con = await instance.connect();
const t0 = process.hrtime.bigint();
const reader = await con.runAndReadAll(args[0]);
const t1 = process.hrtime.bigint();
process.stdout.write((Number(t1 - t0) / 1e9).toFixed(4) + '\n');
if (csv) {
	process.stdout.write('--\n');
	const cell = (v) => {
		if (v === null || v === undefined)
			return '';
		const s = String(v);
		return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
	};
	process.stdout.write(reader.columnNames().map(cell).join(',') + '\n');
	for (const row of reader.getRows())
		process.stdout.write(row.map(cell).join(',') + '\n');
}
