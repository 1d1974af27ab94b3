# Scoring-speed peer for bench/model-scoring: an xgboost person-period hazard model (the discrete-time survival
# model a data scientist would build with xgboost) with the same rounds and depth as our GBST, timed predicting
# all J periods of each applicant. Usage: xgboost_scoring.py TRAIN_CSV FEATURES ROUNDS DEPTH PERIODS PERIOD_LENGTH
import json, sys, time
import numpy as np, xgboost as xgb

train_csv, features, rounds, depth, J, L = sys.argv[1], sys.argv[2].split(','), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6])
# numpy only (no pandas: it is not among the Debian peer packages the benches install).
with open(train_csv) as f:
    names = [h.strip().strip('"') for h in f.readline().strip().split(',')]
data = np.genfromtxt(train_csv, delimiter=',', skip_header=1, ndmin=2)
col = {name: data[:, i] for i, name in enumerate(names)}
X = np.column_stack([col[f] for f in features])
p = np.minimum(np.maximum(np.ceil(col['time'] / L), 1), J).astype(int)
ev = np.where(col['time'] > J * L, 0, col['default'])
rows = np.repeat(np.arange(len(X)), p)
per = np.concatenate([np.arange(1, k + 1) for k in p])
y = ((per == p[rows]) & (ev[rows] == 1)).astype(float)
booster = xgb.train(dict(objective='binary:logistic', max_depth=depth, eta=0.1, tree_method='hist', nthread=1, max_bin=256), xgb.DMatrix(np.column_stack([X[rows], per]), label=y), rounds)
booster.set_param({'nthread': 1})
n = len(X)
grid = np.column_stack([np.repeat(X, J, axis=0), np.tile(np.arange(1, J + 1), n)])
# inplace_predict on the raw array: a DMatrix would let xgboost serve repeated calls from its prediction cache.
booster.inplace_predict(grid)
reps, t0 = 0, time.perf_counter()
while time.perf_counter() - t0 < 2.0:
    booster.inplace_predict(grid)
    reps += 1
batch_us = (time.perf_counter() - t0) / reps / n * 1e6
one = grid[:J]
lat = []
for i in range(300):
    s = time.perf_counter()
    booster.inplace_predict(one)
    lat.append(time.perf_counter() - s)
print(json.dumps({'batch_us_per_applicant': batch_us, 'single_applicant_call_us': float(np.median(lat) * 1e6), 'trees': rounds}))
