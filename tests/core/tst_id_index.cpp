// The editor's id index: after any sequence of inserts and erases at any position it gives
// the same answers as scanning the topology (Topology::findNode / findLink / linksOf).
#include <algorithm>
#include <random>
#include <set>

#include <QtTest>

#include "core/model/IdIndex.h"
#include "core/model/Topology.h"

using namespace scalelab::core;

class TestIdIndex : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void rebuildFindsEveryNodeAndLink();
    void randomEditsAgreeWithAScan();
};

namespace {
Node node(const std::string& id)
{
    Node n;
    n.id = NodeId{id};
    n.kind = KindId{"web_server"};
    return n;
}

// Every answer of the index against the scanning functions of Topology.
void checkAgainstScan(const Topology& t, const IdIndex& index, const std::set<std::string>& gone)
{
    for (std::size_t i = 0; i < t.nodes.size(); ++i) {
        QCOMPARE(index.node(t.nodes[i].id), std::optional<std::size_t>(i));
        std::set<LinkKey> expected;
        for (const Link& l : t.linksOf(t.nodes[i].id))
            expected.insert(l.key());
        const auto& touching = index.linksOf(t.nodes[i].id);
        QCOMPARE(std::set<LinkKey>(touching.begin(), touching.end()), expected);
        QCOMPARE(touching.size(), expected.size());
    }
    for (std::size_t i = 0; i < t.links.size(); ++i)
        QCOMPARE(index.link(t.links[i].key()), std::optional<std::size_t>(i));
    for (const auto& id : gone) {
        QVERIFY(!index.node(NodeId{id}));
        QVERIFY(index.linksOf(NodeId{id}).empty());
    }
}
} // namespace

void TestIdIndex::rebuildFindsEveryNodeAndLink()
{
    Topology t;
    for (const char* id : {"a", "b", "c"})
        t.nodes.push_back(node(id));
    t.links.push_back({NodeId{"a"}, NodeId{"b"}, LinkKind::Request, {}});
    t.links.push_back({NodeId{"b"}, NodeId{"c"}, LinkKind::Request, {}});
    IdIndex index;
    index.rebuild(t);
    checkAgainstScan(t, index, {"d"});
    QCOMPARE(index.linksOf(NodeId{"b"}).size(), std::size_t(2));
    QVERIFY(!index.link({NodeId{"b"}, NodeId{"a"}})); // links are directed
}

void TestIdIndex::randomEditsAgreeWithAScan()
{
    std::mt19937 rng(7);
    Topology t;
    IdIndex index;
    index.rebuild(t);
    std::set<std::string> gone;
    int nextId = 0;
    const auto pick = [&](std::size_t n) {
        return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
    };
    for (int step = 0; step < 600; ++step) {
        const int op = std::uniform_int_distribution<int>(0, 9)(rng);
        if (op < 4 || t.nodes.size() < 2) { // insert a node anywhere
            const std::size_t at = pick(t.nodes.size() + 1);
            std::string id = "n";
            id += std::to_string(nextId++);
            t.nodes.insert(t.nodes.begin() + std::ptrdiff_t(at), node(id));
            index.nodeInserted(t, at);
        } else if (op < 7) { // insert a link anywhere between two nodes not yet linked
            const LinkKey key{t.nodes[pick(t.nodes.size())].id, t.nodes[pick(t.nodes.size())].id};
            if (key.from == key.to || t.findLink(key))
                continue;
            const std::size_t at = pick(t.links.size() + 1);
            t.links.insert(t.links.begin() + std::ptrdiff_t(at), Link{key.from, key.to, {}, {}});
            index.linkInserted(t, at);
        } else if (op < 9 && !t.links.empty()) { // erase a link
            const std::size_t at = pick(t.links.size());
            const LinkKey key = t.links[at].key();
            t.links.erase(t.links.begin() + std::ptrdiff_t(at));
            index.linkErased(t, at, key);
        } else { // erase a node with its links, as the Document does
            const std::size_t at = pick(t.nodes.size());
            const NodeId id = t.nodes[at].id;
            for (std::size_t i = t.links.size(); i-- > 0;)
                if (t.links[i].from == id || t.links[i].to == id) {
                    const LinkKey key = t.links[i].key();
                    t.links.erase(t.links.begin() + std::ptrdiff_t(i));
                    index.linkErased(t, i, key);
                }
            t.nodes.erase(t.nodes.begin() + std::ptrdiff_t(at));
            index.nodeErased(t, at, id);
            gone.insert(id.str());
        }
        checkAgainstScan(t, index, gone);
        if (QTest::currentTestFailed())
            QFAIL(qPrintable(QStringLiteral("diverged at step %1").arg(step)));
    }
    QVERIFY(t.nodes.size() > 20);
    QVERIFY(t.links.size() > 20);
}

QTEST_APPLESS_MAIN(TestIdIndex)
#include "tst_id_index.moc"
