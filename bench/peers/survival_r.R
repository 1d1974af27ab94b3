# Peer for bench/learn.bench.ts: R coxph, gbm (coxph) or ranger (random survival forest), from Debian packages.
# Reads the bench's train/test CSVs (time, event, covariates...), trains, times ONLY the training, and writes one row
# per test row: risk (higher = earlier event) and S(t) at each grid time. Metrics are computed by the bench, not here.
# usage: Rscript survival_r.R coxph|gbm|ranger TRAIN TEST OUT ROUNDS DEPTH ETA THREADS GRID(comma-separated) TREES
suppressMessages({ library(survival) })
args <- commandArgs(trailingOnly = TRUE)
model <- args[1]; train <- read.csv(args[2]); test <- read.csv(args[3]); out <- args[4]
rounds <- as.integer(args[5]); depth <- as.integer(args[6]); eta <- as.numeric(args[7]); threads <- as.integer(args[8])
grid <- as.numeric(strsplit(args[9], ",")[[1]]); trees <- as.integer(args[10])
covariates <- setdiff(names(train), c("time", "event"))
x_tr <- as.matrix(train[, covariates]); x_te <- as.matrix(test[, covariates])

# S(t) on the grid from a step function given at `times` (1 before the first time).
step_at <- function(times, values, t) { k <- findInterval(t, times); ifelse(k == 0, 1, values[pmax(k, 1)]) }

if (model == "coxph") {
  started <- proc.time()[["elapsed"]]
  fit <- coxph(Surv(time, event) ~ ., data = train, ties = "breslow")
  seconds <- proc.time()[["elapsed"]] - started
  lp <- as.vector(x_te %*% coef(fit))
  bh <- basehaz(fit, centered = FALSE)
  h0 <- sapply(grid, function(g) { k <- findInterval(g, bh$time); if (k == 0) 0 else bh$hazard[k] })
  surv <- exp(-outer(exp(lp), h0))
  risk <- lp
} else if (model == "gbm") {
  suppressMessages(library(gbm))
  set.seed(1)
  started <- proc.time()[["elapsed"]]
  fit <- gbm(Surv(time, event) ~ ., data = train, distribution = "coxph", n.trees = rounds, interaction.depth = depth,
             shrinkage = eta, bag.fraction = 1, n.minobsinnode = 10, verbose = FALSE, n.cores = 1)
  seconds <- proc.time()[["elapsed"]] - started
  f_tr <- predict(fit, train, n.trees = rounds)
  f_te <- predict(fit, test, n.trees = rounds)
  h0 <- basehaz.gbm(train$time, train$event, f_tr, t.eval = grid, cumulative = TRUE)
  h0[is.na(h0)] <- 0
  surv <- exp(-outer(exp(f_te), h0))
  risk <- f_te
} else if (model == "ranger") {
  suppressMessages(library(ranger))
  started <- proc.time()[["elapsed"]]
  fit <- ranger(Surv(time, event) ~ ., data = train, num.trees = trees, num.threads = threads, seed = 1,
                min.node.size = 50)
  seconds <- proc.time()[["elapsed"]] - started
  p <- predict(fit, test, num.threads = threads)
  surv <- t(apply(p$survival, 1, function(s) step_at(p$unique.death.times, s, grid)))
  # ensemble mortality: the sum of the cumulative hazard over the death times (Ishwaran et al. 2008)
  risk <- rowSums(p$chf)
} else stop(paste("unknown model", model))

result <- cbind(risk, surv)
colnames(result) <- c("risk", paste0("S_", grid))
write.csv(result, out, row.names = FALSE)
cat(sprintf('{"train_seconds": %.6f}\n', seconds))
