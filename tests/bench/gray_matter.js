// SPDX-License-Identifier: MIT
// gray_matter.js - the reference column: the same files through gray-matter
// (js-yaml), median of repeated runs. usage: node gray_matter.js FILE...
'use strict';
const fs = require('fs');
const matter = require('gray-matter');

const texts = process.argv.slice(2).map((f) => fs.readFileSync(f, 'utf8'));
const rounds = 7;
const times = [];
for (let r = 0; r < rounds; r++) {
  const start = process.hrtime.bigint();
  let n = 0;
  for (const t of texts) n += Object.keys(matter(t, {}).data).length; // {} skips its cache
  times.push(Number(process.hrtime.bigint() - start) / 1e3);
  if (n < 0) console.log(n);
}
times.sort((a, b) => a - b);
const perArticle = times[rounds >> 1] / texts.length;
console.log(JSON.stringify({ articles: texts.length, us_per_article: +perArticle.toFixed(2) }));
