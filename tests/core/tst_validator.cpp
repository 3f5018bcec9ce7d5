// Semantic rules beyond the broken-file corpus: warnings, link rules, and that a valid
// design is accepted without noise.
#include <QtTest>

#include "core/io/TopologyJson.h"
#include "core/validation/Limits.h"
#include "core/validation/LinkRules.h"
#include "core/validation/Validator.h"

using namespace scalelab::core;

class TestValidator : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void validDesignHasNoProblems();
    void unreachableNodeIsAWarning();
    void clientWithoutEntryIsAWarning();
    void secondEntryPointIsAnError();
    void replicationMustStartAtAMaster();
    void setShardsOnAReplicaIsRefused();
    void loopNamesItsNodes();
    void linkRules();
    void placeholdersOfLoadErrorsAreSkipped();
    void countsPastTheLimitsAreRefused();
};

namespace {
Node makeNode(const char* id, const char* kind, ParamMap params = {})
{
    return Node{NodeId{id}, KindId{kind}, {}, {}, std::move(params)};
}
Link makeLink(const char* from, const char* to, LinkKind kind = LinkKind::Request)
{
    return Link{NodeId{from}, NodeId{to}, kind, {}};
}
Topology simple()
{
    Topology t;
    t.nodes = {makeNode("users", "client"), makeNode("web", "web_server"),
               makeNode("db", "database")};
    t.links = {makeLink("users", "web"), makeLink("web", "db")};
    return t;
}
bool has(const Diagnostics& ds, Severity s, const std::string& path, const std::string& fragment)
{
    for (const auto& d : ds)
        if (d.severity == s && d.path == path && d.message.find(fragment) != std::string::npos)
            return true;
    return false;
}
} // namespace

void TestValidator::validDesignHasNoProblems()
{
    QVERIFY(validate(simple()).empty());
}

void TestValidator::unreachableNodeIsAWarning()
{
    Topology t = simple();
    t.nodes.push_back(makeNode("lonely", "cache"));
    const Diagnostics ds = validate(t);
    QCOMPARE(ds.size(), std::size_t(1));
    QVERIFY(has(ds, Severity::Warning, "/nodes/3", "no client can reach 'lonely'"));
    QCOMPARE(ds[0].nodeId, std::string("lonely"));
}

void TestValidator::clientWithoutEntryIsAWarning()
{
    Topology t = simple();
    t.nodes.push_back(makeNode("idle", "client"));
    QVERIFY(has(validate(t), Severity::Warning, "/nodes/3", "no entry point"));
}

void TestValidator::secondEntryPointIsAnError()
{
    Topology t = simple();
    t.nodes.push_back(makeNode("web2", "web_server"));
    t.links.push_back(makeLink("users", "web2"));
    QVERIFY(has(validate(t), Severity::Error, "/links/2", "already has an entry point"));
}

void TestValidator::replicationMustStartAtAMaster()
{
    Topology t = simple();
    t.nodes.push_back(makeNode("r1", "database", {{"role", std::string("replica")}}));
    t.nodes.push_back(makeNode("r2", "database", {{"role", std::string("replica")}}));
    t.links.push_back(makeLink("db", "r1", LinkKind::Replication));
    t.links.push_back(makeLink("r1", "r2", LinkKind::Replication));
    const Diagnostics ds = validate(t);
    QVERIFY(has(ds, Severity::Error, "/links/3", "start at a master"));
    QVERIFY(has(ds, Severity::Error, "/nodes/4", "has no master"));
    QVERIFY(!has(ds, Severity::Error, "/nodes/3", "has no master"));
}

void TestValidator::setShardsOnAReplicaIsRefused()
{
    // A replica follows its master's shards: resharding it alone is refused, with the
    // node named and the fix given; the same step on the master is accepted.
    Topology t = simple();
    t.nodes[2].params["role"] = std::string("master");
    t.nodes[2].params["shards"] = std::int64_t{2};
    t.nodes.push_back(makeNode("r1", "database", {{"role", std::string("replica")}}));
    t.links.push_back(makeLink("db", "r1", LinkKind::Replication));
    ScenarioAction set;
    set.atS = 10;
    set.action = ActionType::Set;
    set.node = NodeId{"r1"};
    set.param = "shards";
    set.value = std::int64_t{3};
    t.scenario = {set};
    QVERIFY(has(validate(t), Severity::Error, "/scenario/0/node",
                "'r1' is a replica: set shards on its master, which its replicas follow"));
    t.scenario[0].node = NodeId{"db"};
    for (const auto& d : validate(t))
        QVERIFY2(d.severity != Severity::Error, d.message.c_str());
}

void TestValidator::loopNamesItsNodes()
{
    Topology t = simple();
    t.nodes.push_back(makeNode("lb", "load_balancer"));
    t.links.push_back(makeLink("web", "lb"));
    t.links.push_back(makeLink("lb", "web"));
    const Diagnostics ds = validate(t);
    bool found = false;
    for (const auto& d : ds)
        if (d.message.find("loop (") != std::string::npos) {
            found = true;
            QVERIFY(d.message.find("web") != std::string::npos);
            QVERIFY(d.message.find("lb") != std::string::npos);
        }
    QVERIFY(found);
}

void TestValidator::linkRules()
{
    const Node client = makeNode("c", "client");
    const Node web = makeNode("w", "web_server");
    const Node privateWeb = makeNode("pw", "web_server", {{"network", std::string("private")}});
    const Node master = makeNode("m", "database");
    const Node replica = makeNode("r", "database", {{"role", std::string("replica")}});
    const Node cache = makeNode("k", "cache");
    QVERIFY(!linkRefusal(client, web, LinkKind::Request));
    QVERIFY(linkRefusal(client, privateWeb, LinkKind::Request)->find("private") !=
            std::string::npos);
    QVERIFY(linkRefusal(master, client, LinkKind::Request));
    QVERIFY(linkRefusal(cache, master, LinkKind::Request));
    QVERIFY(linkRefusal(web, web, LinkKind::Request));
    QVERIFY(!linkRefusal(master, replica, LinkKind::Replication));
    QVERIFY(linkKindBetween(master, replica) == LinkKind::Replication);
    QVERIFY(linkKindBetween(web, master) == LinkKind::Request);
}

void TestValidator::placeholdersOfLoadErrorsAreSkipped()
{
    // Node 0 is unreadable; the error on node 1 must still carry index 1, as in the file.
    const LoadResult r = loadTopology(R"({"format": "scalelab/1", "nodes": [
        7, {"id": "w", "kind": "web_server", "params": {"workers": 0}}]})");
    QVERIFY(r.topology);
    QVERIFY(has(validate(*r.topology), Severity::Error, "/nodes/1/params/workers", ">= 1"));
}

void TestValidator::countsPastTheLimitsAreRefused()
{
    Topology t = simple();
    QVERIFY(!has(validate(t), Severity::Error, "/nodes", "the limit"));
    // One node past the limit (placeholders: the count alone must refuse it).
    t.nodes.resize(kMaxNodes + 1);
    t.scenario.resize(kMaxScenarioSteps + 1);
    const Diagnostics ds = validate(t);
    QVERIFY(has(ds, Severity::Error, "/nodes", "200001 nodes; the limit is 200000"));
    QVERIFY(has(ds, Severity::Error, "/scenario", "100001 scenario steps; the limit is 100000"));
    QVERIFY(!has(ds, Severity::Error, "/links", "the limit"));
}

QTEST_APPLESS_MAIN(TestValidator)
#include "tst_validator.moc"
