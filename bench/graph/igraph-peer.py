# The igraph side of the graph benchmark: reads the same edge file the TypeScript side generated (int32 pairs,
# little-endian), builds the graph (not timed), then times PageRank (PRPACK, igraph's default), connected components
# and Louvain (community_multilevel), in wall-clock and CPU seconds. Prints one JSON object. Run with /usr/bin/python3 (Debian's python3-igraph).
import json, sys, time

import igraph
import numpy as np

path, n = sys.argv[1], int(sys.argv[2])
damping = float(sys.argv[3]) if len(sys.argv) > 3 else 0.85
out_ranks = sys.argv[4] if len(sys.argv) > 4 else None
pairs = np.fromfile(path, dtype='<i4').reshape(-1, 2)
t0 = time.perf_counter()
g = igraph.Graph(n=n, edges=pairs, directed=False)
load_s = time.perf_counter() - t0

def timed(work):
    w0, c0 = time.perf_counter(), time.process_time()
    result = work()
    return result, time.perf_counter() - w0, time.process_time() - c0

ranks, pagerank_s, pagerank_cpu_s = timed(lambda: g.pagerank(damping=damping, directed=False))
components, components_s, components_cpu_s = timed(lambda: g.connected_components())
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
