#!/usr/bin/env node
// Validates xAPI statements with Learning Locker's validator (@learninglocker/xapi-validation,
// MIT), the one its LRS is conformance-tested with.
//
//   NODE_PATH=~/.cache/feedwise-xapi-validator/node_modules node scripts/validate-xapi.js FILE.json
//
// FILE.json is a JSON array of statements (`feedwise export --xapi`). Prints one line per
// problem (statement index, id, the path in the statement, the value) and exits 1 if there
// are any, 0 with "N statements valid" if not, 2 when the file or the validator cannot be read.
'use strict';
const fs = require('fs');

let validate;
try {
  validate = require('@learninglocker/xapi-validation').default;
} catch (error) {
  console.error(
    'cannot load @learninglocker/xapi-validation (' + error.message.split('\n')[0] + ').\n' +
    'Install it outside the repository and point NODE_PATH at it (.ci/run does this):\n' +
    '  npm install --prefix ~/.cache/feedwise-xapi-validator @learninglocker/xapi-validation@3.0.0\n' +
    '  export NODE_PATH=~/.cache/feedwise-xapi-validator/node_modules');
  process.exit(2);
}

if (process.argv.length !== 3) {
  console.error('usage: node scripts/validate-xapi.js FILE.json');
  process.exit(2);
}
let statements;
try {
  statements = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
} catch (error) {
  console.error('cannot read ' + process.argv[2] + ': ' + error.message);
  process.exit(2);
}
if (!Array.isArray(statements) || statements.length === 0) {
  console.error(process.argv[2] + ': expected a non-empty JSON array of statements');
  process.exit(1);
}
let problems = 0;
statements.forEach((statement, index) => {
  for (const warning of validate(statement)) {
    problems += 1;
    const path = (warning.path || []).join('.');
    const what = warning.constructor && warning.constructor.name;
    console.log(`statement ${index} (${statement && statement.id}): ${path}: ${what}: ${JSON.stringify(warning.data)}`);
  }
});
if (problems > 0) {
  console.log(`${problems} problems in ${statements.length} statements`);
  process.exit(1);
}
console.log(`${statements.length} statements valid`);
