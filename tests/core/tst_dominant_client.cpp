// The client that dominates each node (the heaviest one reaching it, the lowest index among
// equals) from one shared search must equal what a search per client finds: the analyzer's
// LRU hit ratios and hot shards are read from that client's keys.
#include <deque>
#include <random>
#include <string>

#include <QTest>

#include "SimTestSupport.h"
#include "core/analysis/DominantClient.h"
#include "core/model/Topology.h"
#include "core/model/TopologyIndex.h"

using namespace scalelab::core;
using namespace scalelab::testsupport;

namespace {

// The quadratic definition: one breadth-first search per client.
std::vector<std::size_t> perClient(const TopologyIndex& index, const std::vector<double>& weight)
{
    const std::size_t n = weight.size();
    std::vector<std::size_t> best(n, TopologyIndex::kNone);
    for (std::size_t c = 0; c < n; ++c) {
        if (weight[c] < 0)
            continue;
        std::vector<bool> seen(n, false);
        std::deque<std::size_t> todo{c};
        seen[c] = true;
        while (!todo.empty()) {
            const std::size_t v = todo.front();
            todo.pop_front();
            if (best[v] == TopologyIndex::kNone || weight[c] > weight[best[v]])
                best[v] = c;
            for (std::size_t k : index.out(v))
                if (const std::size_t w = index.to(k); !seen[w]) {
                    seen[w] = true;
                    todo.push_back(w);
                }
        }
    }
    return best;
}

std::string idOf(char prefix, int i)
{
    std::string id = std::to_string(i);
    id.insert(id.begin(), prefix);
    return id;
}

} // namespace

class TestDominantClient : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sharedSearchEqualsOneSearchPerClient()
    {
        std::mt19937 rng(20261201);
        for (int round = 0; round < 200; ++round) {
            const int clients = 1 + static_cast<int>(rng() % 8);
            const int servers = 1 + static_cast<int>(rng() % 20);
            Topology t;
            std::vector<std::string> ids;
            for (int c = 0; c < clients; ++c)
                ids.push_back(idOf('c', c));
            for (int s = 0; s < servers; ++s)
                ids.push_back(idOf('s', s));
            for (int c = 0; c < clients; ++c)
                t.nodes.push_back(makeNode(ids[static_cast<std::size_t>(c)].c_str(), "client"));
            for (int s = 0; s < servers; ++s)
                t.nodes.push_back(
                    makeNode(ids[static_cast<std::size_t>(clients + s)].c_str(), "web_server"));
            // Random links, cycles and links into clients included: the search must not care.
            const int links =
                static_cast<int>(rng() % static_cast<unsigned>(2 * (clients + servers)));
            for (int l = 0; l < links; ++l) {
                const auto from = rng() % ids.size(), to = rng() % ids.size();
                if (from != to)
                    t.links.push_back(makeLink(ids[from].c_str(), ids[to].c_str()));
            }
            const TopologyIndex index(t);
            std::vector<double> weight(ids.size(), -1.0);
            for (int c = 0; c < clients; ++c)
                weight[static_cast<std::size_t>(c)] =
                    static_cast<double>(rng() % 4); // ties are common
            QCOMPARE(dominantClients(index, weight), perClient(index, weight));
        }
    }

    void unreachedNodesHaveNoClient()
    {
        Topology t;
        t.nodes.push_back(makeNode("users", "client"));
        t.nodes.push_back(makeNode("web", "web_server"));
        t.nodes.push_back(makeNode("orphan", "web_server"));
        t.links.push_back(makeLink("users", "web"));
        const TopologyIndex index(t);
        const auto dominant = dominantClients(index, {5.0, -1.0, -1.0});
        QCOMPARE(dominant[1], std::size_t{0});
        QCOMPARE(dominant[2], TopologyIndex::kNone);
    }
};

QTEST_APPLESS_MAIN(TestDominantClient)
#include "tst_dominant_client.moc"
