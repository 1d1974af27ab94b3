#!/usr/bin/python3
# Peer for bench/learn.bench.ts, binary targets: xgboost binary:logistic or sklearn LogisticRegression.
# Reads the bench's train/test CSVs (label first, then numeric covariates), times ONLY the training, and writes the
# predicted probability of the event for each test row. Metrics are computed by the bench, not here.
# usage: binary_python.py xgboost|logreg TRAIN TEST OUT ROUNDS DEPTH ETA THREADS MAX_BIN
import json
import sys
import time

import numpy as np

model, train_path, test_path, out_path = sys.argv[1:5]
rounds, depth, eta, threads, max_bin = int(sys.argv[5]), int(sys.argv[6]), float(sys.argv[7]), int(sys.argv[8]), int(sys.argv[9])
train = np.loadtxt(train_path, delimiter=",", skiprows=1, ndmin=2)
test = np.loadtxt(test_path, delimiter=",", skiprows=1, ndmin=2)
y_tr, x_tr, x_te = train[:, 0], train[:, 1:], test[:, 1:]

if model == "xgboost":
    import xgboost as xgb
    params = {"objective": "binary:logistic", "max_depth": depth, "eta": eta, "nthread": threads, "tree_method": "hist",
              "max_bin": max_bin, "lambda": 1.0, "min_child_weight": 1.0, "seed": 0}
    dtrain = xgb.DMatrix(x_tr, label=y_tr)
    xgb.train(params, dtrain, num_boost_round=1)  # untimed warm-up: library start-up is not training time
    started = time.perf_counter()
    booster = xgb.train(params, dtrain, num_boost_round=rounds)
    seconds = time.perf_counter() - started
    prob = booster.predict(xgb.DMatrix(x_te))
else:
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    started = time.perf_counter()
    fit = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=2000)).fit(x_tr, y_tr)
    seconds = time.perf_counter() - started
    prob = fit.predict_proba(x_te)[:, 1]

np.savetxt(out_path, prob, delimiter=",", header="prob", comments="", fmt="%.10g")
print(json.dumps({"train_seconds": seconds}))
