#include "core/validation/TopologyGraph.h"

#include <algorithm>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/depth_first_search.hpp>

namespace scalelab::core {

namespace graph_detail {
struct EdgeInfo {
    std::size_t link = 0;
};
using Graph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property, EdgeInfo>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;
using Edge = boost::graph_traits<Graph>::edge_descriptor;

// Records the DFS tree so the first back edge can be turned into the cycle it closes.
class LoopFinder : public boost::default_dfs_visitor {
public:
    LoopFinder(std::vector<Vertex>& parent, std::optional<Edge>& backEdge)
        : m_parent(parent), m_backEdge(backEdge)
    {
    }
    void tree_edge(Edge e, const Graph& g) const
    {
        m_parent[boost::target(e, g)] = boost::source(e, g);
    }
    void back_edge(Edge e, const Graph&) const
    {
        if (!m_backEdge)
            m_backEdge = e;
    }

private:
    std::vector<Vertex>& m_parent;
    std::optional<Edge>& m_backEdge;
};
} // namespace graph_detail

using namespace graph_detail;

struct TopologyGraph::Impl {
    // Built in place: copying an adjacency_list trips GCC 12's -Wmaybe-uninitialized
    // inside Boost at -O3.
    explicit Impl(const Topology& t)
        : topology(t), requests(t.nodes.size()), everything(t.nodes.size())
    {
    }
    const Topology& topology;
    Graph requests;   // request links only: they carry requests and must not loop
    Graph everything; // request + replication links: what traffic can reach
};

TopologyGraph::TopologyGraph(const Topology& topology, const TopologyIndex& index)
    : m_impl(std::make_unique<Impl>(topology))
{
    for (std::size_t k = 0; k < topology.links.size(); ++k) {
        if (!index.resolved(k))
            continue;
        if (topology.links[k].kind == LinkKind::Request)
            boost::add_edge(index.from(k), index.to(k), EdgeInfo{k}, m_impl->requests);
        boost::add_edge(index.from(k), index.to(k), EdgeInfo{k}, m_impl->everything);
    }
}

TopologyGraph::~TopologyGraph() = default;

std::optional<TopologyGraph::Loop> TopologyGraph::findRequestLoop() const
{
    const Graph& g = m_impl->requests;
    std::vector<Vertex> parent(boost::num_vertices(g));
    for (Vertex v = 0; v < parent.size(); ++v)
        parent[v] = v;
    std::optional<Edge> backEdge;
    boost::depth_first_search(g, boost::visitor(LoopFinder(parent, backEdge)));
    if (!backEdge)
        return std::nullopt;
    const Vertex head = boost::target(*backEdge, g);
    Loop loop;
    loop.closingLink = g[*backEdge].link;
    for (Vertex v = boost::source(*backEdge, g); v != head; v = parent[v])
        loop.nodes.push_back(m_impl->topology.nodes[v].id);
    loop.nodes.push_back(m_impl->topology.nodes[head].id);
    std::reverse(loop.nodes.begin(), loop.nodes.end());
    return loop;
}

std::vector<bool> TopologyGraph::reachableFromClients() const
{
    const Graph& g = m_impl->everything;
    const std::size_t n = boost::num_vertices(g);
    std::vector<boost::default_color_type> color(n, boost::white_color);
    auto colors =
        boost::make_iterator_property_map(color.begin(), boost::get(boost::vertex_index, g));
    for (std::size_t i = 0; i < n; ++i)
        if (const KindSpec* spec = m_impl->topology.nodes[i].spec();
            spec && spec->traits.source && color[i] == boost::white_color)
            boost::breadth_first_visit(
                g, i, boost::visitor(boost::default_bfs_visitor()).color_map(colors));
    std::vector<bool> reached(n);
    for (std::size_t i = 0; i < n; ++i)
        reached[i] = color[i] != boost::white_color;
    return reached;
}

} // namespace scalelab::core
