// Parses each .tf file given on the command line with HashiCorp's HCL parser and prints
// {"<file>": <parsed JSON>} on stdout; a file that does not parse is reported on stderr with exit code 1.
import { readFileSync } from 'node:fs';
import { parse } from '@cdktf/hcl2json';

const result = {};
let failed = false;
for (const file of process.argv.slice(2)) {
  try {
    result[file] = await parse(file, readFileSync(file, 'utf8'));
  } catch (error) {
    failed = true;
    console.error(`${file}: ${error.message ?? error}`);
  }
}
process.stdout.write(JSON.stringify(result));
process.exit(failed ? 1 : 0);
