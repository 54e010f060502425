// VADER (npm vader-sentiment, Apache-2.0; lexicon MIT) on the NYT editorial snippets, scored as `evaluate` scores the
// offline analyzer: Pearson r of the compound score with the mean rating, and accuracy and macro-F1 on three classes
// (rating / 4 and compound above 0.05 positive, below -0.05 negative). Prints the held-out part (editorials divisible
// by 5, never trained on) and the whole file.
// Run: node tools/analysis/vader-baseline.js ../shared/data/sentiment/nytEditorialSnippets_GroundTruth.txt [node_modules]
const fs = require('fs');
const path = require('path');
const modules = process.argv[3] || path.join(__dirname, 'node_modules');
const vader = require(path.join(path.resolve(modules), 'vader-sentiment'));

const rows = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(l => l.trim()).map(l => {
  const [id, rating, text] = l.split('\t');
  return { editorial: parseInt(id.split('_')[0], 10), rating: parseFloat(rating), text };
});

const cls = v => (v > 0.05 ? 1 : v < -0.05 ? -1 : 0);
function pearson(x, y) {
  const mx = x.reduce((a, b) => a + b) / x.length, my = y.reduce((a, b) => a + b) / y.length;
  let c = 0, vx = 0, vy = 0;
  x.forEach((_, i) => { c += (x[i] - mx) * (y[i] - my); vx += (x[i] - mx) ** 2; vy += (y[i] - my) ** 2; });
  return c / Math.sqrt(vx * vy);
}
function report(name, part) {
  const gold = part.map(r => r.rating / 4);
  const predicted = part.map(r => vader.SentimentIntensityAnalyzer.polarity_scores(r.text).compound);
  const g = gold.map(cls), p = predicted.map(cls);
  const accuracy = g.filter((c, i) => c === p[i]).length / g.length;
  const f1 = [-1, 0, 1].map(c => {
    const tp = g.filter((x, i) => x === c && p[i] === c).length;
    const pc = p.filter(x => x === c).length, gc = g.filter(x => x === c).length;
    const pr = pc ? tp / pc : 0, re = gc ? tp / gc : 0;
    return pr + re ? 2 * pr * re / (pr + re) : 0;
  });
  const macro = f1.reduce((a, b) => a + b) / 3;
  console.log(`${name} (${part.length} sentences): Pearson r ${pearson(predicted, gold).toFixed(3)}, accuracy ${accuracy.toFixed(3)}, macro-F1 ${macro.toFixed(3)}`);
}
report('VADER, held out', rows.filter(r => r.editorial % 5 === 0));
report('VADER, all', rows);
