# The igraph side of the graph benchmark: reads the same edge file the TypeScript side generated (int32 pairs,
# little-endian), builds the graph (not timed), then times PageRank (PRPACK, igraph's default), connected components
# and Louvain (community_multilevel), in wall-clock and CPU seconds (PageRank and components: the fastest of
# `repeats` runs). Prints one JSON object. Run with /usr/bin/python3 (Debian's python3-igraph).
import json, sys, time

import igraph
import numpy as np

path, n = sys.argv[1], int(sys.argv[2])
damping = float(sys.argv[3]) if len(sys.argv) > 3 else 0.85
out_ranks = sys.argv[4] if len(sys.argv) > 4 else None
repeats = int(sys.argv[5]) if len(sys.argv) > 5 else 1
pairs = np.fromfile(path, dtype='<i4').reshape(-1, 2)
t0 = time.perf_counter()
g = igraph.Graph(n=n, edges=pairs, directed=False)
load_s = time.perf_counter() - t0

def timed(work, times=1):
    # The fastest of `times` runs, wall and CPU: the least disturbed by other work on a shared machine.
    best_wall, best_cpu, result = float('inf'), float('inf'), None
    for _ in range(times):
        w0, c0 = time.perf_counter(), time.process_time()
        result = work()
        best_wall = min(best_wall, time.perf_counter() - w0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    return result, best_wall, best_cpu

ranks, pagerank_s, pagerank_cpu_s = timed(lambda: g.pagerank(damping=damping, directed=False), repeats)
components, components_s, components_cpu_s = timed(lambda: g.connected_components(), repeats)
communities, communities_s, communities_cpu_s = timed(lambda: g.community_multilevel())

if out_ranks:
    np.asarray(ranks, dtype='<f8').tofile(out_ranks)
print(json.dumps({
    'igraph_version': igraph.__version__,
    'load_s': load_s,
    'pagerank_s': pagerank_s,
    'pagerank_cpu_s': pagerank_cpu_s,
    'components_s': components_s,
    'components_cpu_s': components_cpu_s,
    'components': len(components),
    'communities_s': communities_s,
    'communities_cpu_s': communities_cpu_s,
    'communities': len(communities),
    'modularity': g.modularity(communities.membership),
}))
