# The igraph side of the graph benchmark: reads the same edge file the TypeScript side generated (int32 pairs,
# little-endian), builds the graph (not timed), then times PageRank (PRPACK, igraph's default), connected components
# and Louvain (community_multilevel). Prints one JSON object. Run with /usr/bin/python3 (Debian's python3-igraph).
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

t0 = time.perf_counter()
ranks = g.pagerank(damping=damping, directed=False)
pagerank_s = time.perf_counter() - t0

t0 = time.perf_counter()
components = g.connected_components()
components_s = time.perf_counter() - t0

t0 = time.perf_counter()
communities = g.community_multilevel()
communities_s = time.perf_counter() - t0

if out_ranks:
    np.asarray(ranks, dtype='<f8').tofile(out_ranks)
print(json.dumps({
    'igraph_version': igraph.__version__,
    'load_s': load_s,
    'pagerank_s': pagerank_s,
    'components_s': components_s,
    'components': len(components),
    'communities_s': communities_s,
    'communities': len(communities),
    'modularity': g.modularity(communities.membership),
}))
