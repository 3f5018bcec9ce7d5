// The registry is the only declaration of kinds and parameters: it must be complete
// enough that the loader, validator, inspector and report never need another source, and
// every kind it declares must be built all the way (behaviour, analysis model, icon, docs,
// an example that uses it).
#include <fstream>
#include <set>
#include <sstream>

#include <QDir>
#include <QtTest>

#include "core/analysis/models/AnalysisModel.h"
#include "core/io/TopologyJson.h"
#include "core/model/KindRegistry.h"
#include "core/sim/BehaviorFactory.h"
#include "core/sim/Kernel.h"
#include "core/sim/NodeBehavior.h"

using namespace scalelab::core;

class TestKindRegistry : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void designKindsAndParametersArePresent();
    void everyParameterIsFullyDeclared();
    void defaultsPassTheirOwnChecks();
    void checksRejectOutOfRangeAndWrongType();
    void sendsToNamesKnownKinds();
    void networkDefaultsFollowTheDesign();
    void engineProfilesDiffer();
    void oneKindPerRoleAndTraitsConsistent();
    void everyKindIsBuiltAllTheWay();
    void linkKindsAreNamedOnce();
    void kindNamesStayInTheRegistry();
};

namespace {

std::string readText(const std::string& path)
{
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

void TestKindRegistry::designKindsAndParametersArePresent()
{
    const auto& r = KindRegistry::instance();
    const std::map<std::string, std::vector<std::string>> expected{
        {"client",
         {"rate_rps", "arrival", "read_ratio", "timeout_ms", "retries", "retry_backoff_ms",
          "key_space", "key_skew", "dns_lookup_ratio", "static_ratio", "object_space",
          "object_skew", "network"}},
        {"dns", {"workers", "service_ms", "service_dist", "service_cv", "speed", "queue_limit"}},
        {"load_balancer",
         {"workers", "service_ms", "algorithm", "health_check_interval_s", "unhealthy_threshold",
          "retry_on_failure"}},
        {"web_server",
         {"workers", "service_ms", "concurrency_model", "cancel_on_timeout", "speed",
          "queue_limit"}},
        {"cache", {"workers", "service_ms", "hit_ratio", "capacity_keys"}},
        {"database",
         {"connections", "read_ms", "write_ms", "service_dist", "role", "engine", "failover",
          "detect_s", "promote_s", "queue_limit",
          // Sharding.
          "shards", "sharding", "virtual_nodes"}},
        // Message queues and workers (DESIGN.md "Format additions").
        {"message_queue", {"capacity", "service_ms", "workers", "queue_limit", "network"}},
        {"worker", {"workers", "service_ms", "service_dist", "queue_limit", "network"}},
        {"cdn", {"workers", "service_ms", "hit_ratio", "ttl_s", "fallback", "network"}},
        {"object_store", {"workers", "service_ms", "network"}},
    };
    // Every queueing kind is a pool that may autoscale.
    for (const auto& k : r.kinds())
        if (k.traits.queueing)
            for (const char* p : {"instances", "autoscale", "min_instances", "max_instances",
                                  "target_utilization", "evaluate_s", "boot_s", "cooldown_s"})
                QVERIFY2(k.param(p), (k.id + "." + p).c_str());
    QCOMPARE(std::get<std::int64_t>(r.find("cdn")->param("workers")->defaultValue),
             std::int64_t{10000});
    QCOMPARE(std::get<std::int64_t>(r.find("object_store")->param("workers")->defaultValue),
             std::int64_t{1000});
    QCOMPARE(std::get<std::string>(r.find("cdn")->param("network")->defaultValue),
             std::string("public"));
    QVERIFY(r.find("cdn")->allows(ActionType::Purge));
    QVERIFY(!r.find("web_server")->allows(ActionType::Purge));
    QCOMPARE(r.kinds().size(), expected.size());
    for (const auto& [kind, params] : expected) {
        const KindSpec* spec = r.find(kind);
        QVERIFY2(spec, kind.c_str());
        for (const auto& p : params)
            QVERIFY2(spec->param(p), (kind + "." + p).c_str());
    }
    for (const char* p : {"latency_ms", "weight", "lag_ms"})
        QVERIFY(r.link().param(p));
    QVERIFY(r.find("web_sever") == nullptr);
}

void TestKindRegistry::everyParameterIsFullyDeclared()
{
    std::vector<const KindSpec*> specs;
    for (const auto& k : KindRegistry::instance().kinds())
        specs.push_back(&k);
    specs.push_back(&KindRegistry::instance().link());
    for (const KindSpec* k : specs) {
        QVERIFY(!k->displayName.empty());
        QVERIFY(!k->help.empty());
        QVERIFY(!k->look.icon.empty());
        std::set<std::string> names;
        for (const auto& p : k->params) {
            const std::string where = k->id + "." + p.name;
            QVERIFY2(names.insert(p.name).second, ("declared twice: " + where).c_str());
            QVERIFY2(!p.help.empty(), ("no help: " + where).c_str());
            QVERIFY2(p.hasType(p.defaultValue), ("default of the wrong type: " + where).c_str());
            if (p.type == ParamType::Integer || p.type == ParamType::Real)
                QVERIFY2(p.max > p.min, ("no range: " + where).c_str());
            if (p.type == ParamType::Choice)
                QVERIFY2(p.choices.size() >= 2, ("no choices: " + where).c_str());
            if (p.name.ends_with("_ms"))
                QCOMPARE(p.unit, std::string("ms"));
            if (p.name.ends_with("_s"))
                QCOMPARE(p.unit, std::string("s"));
        }
    }
}

void TestKindRegistry::defaultsPassTheirOwnChecks()
{
    for (const auto& k : KindRegistry::instance().kinds())
        for (const auto& p : k.params)
            QVERIFY2(!p.check(p.defaultValue), (k.id + "." + p.name).c_str());
}

void TestKindRegistry::checksRejectOutOfRangeAndWrongType()
{
    const ParamSpec* workers = KindRegistry::instance().find("web_server")->param("workers");
    QCOMPARE(*workers->check(ParamValue{std::int64_t(-2)}),
             std::string("must be an integer >= 1, got -2"));
    QVERIFY(workers->check(ParamValue{std::string("eight")}));
    QVERIFY(workers->check(ParamValue{2.5}));
    QVERIFY(!workers->check(ParamValue{std::int64_t(1)}));
    const ParamSpec* speed = KindRegistry::instance().find("web_server")->param("speed");
    QVERIFY(speed->check(ParamValue{0.0})); // strictly positive
    QVERIFY(speed->check(ParamValue{std::numeric_limits<double>::infinity()}));
    QVERIFY(speed->check(ParamValue{std::numeric_limits<double>::quiet_NaN()}));
    const ParamSpec* algorithm = KindRegistry::instance().find("load_balancer")->param("algorithm");
    QVERIFY(!algorithm->check(ParamValue{std::string("weighted")}));
    QVERIFY(algorithm->check(ParamValue{std::string("fastest")}));
}

void TestKindRegistry::sendsToNamesKnownKinds()
{
    for (const auto& k : KindRegistry::instance().kinds())
        for (const auto& permit : k.sends)
            for (const auto& target : permit.to)
                QVERIFY2(KindRegistry::instance().find(target), (k.id + " -> " + target).c_str());
}

void TestKindRegistry::networkDefaultsFollowTheDesign()
{
    const auto net = [](const char* kind) {
        return std::get<std::string>(
            KindRegistry::instance().find(kind)->param("network")->defaultValue);
    };
    QCOMPARE(net("client"), std::string("public"));
    QCOMPARE(net("dns"), std::string("public"));
    QCOMPARE(net("load_balancer"), std::string("public"));
    QCOMPARE(net("web_server"), std::string("public"));
    QCOMPARE(net("cache"), std::string("private"));
    QCOMPARE(net("database"), std::string("private"));
    QCOMPARE(net("message_queue"), std::string("private"));
    QCOMPARE(net("worker"), std::string("private"));
}

void TestKindRegistry::engineProfilesDiffer()
{
    QCOMPARE(engineProfile("relational").readFactor, 1.0);
    QVERIFY(engineProfile("nosql").readFactor < 1.0);
    QVERIFY(engineProfile("nosql").writeFactor < 1.0);
}

void TestKindRegistry::oneKindPerRoleAndTraitsConsistent()
{
    const auto& r = KindRegistry::instance();
    std::set<KindRole> roles;
    for (const auto& k : r.kinds()) {
        QVERIFY2(roles.insert(k.role).second, k.id.c_str());
        QCOMPARE(r.find(k.role), &k);
        // A queueing kind names its servers; a source is no station and receives nothing.
        QCOMPARE(k.traits.queueing, !k.serversParam.empty());
        if (!k.serversParam.empty())
            QVERIFY2(k.param(k.serversParam), k.id.c_str());
        QVERIFY(!(k.traits.source && k.traits.queueing));
        if (k.traits.lru)
            QVERIFY2(k.param("capacity_keys"), k.id.c_str());
        const std::string net = std::get<std::string>(k.param("network")->defaultValue);
        QCOMPARE(net, std::string(k.network == Network::Public ? "public" : "private"));
        for (const auto& other : r.kinds())
            if (other.traits.source)
                QVERIFY2(!k.maySend(LinkKind::Request, other.id), k.id.c_str());
    }
    QCOMPARE(roles.size(), kKindRoleCount);
}

void TestKindRegistry::everyKindIsBuiltAllTheWay()
{
    // One diagram per kind with a single node: the engine must give it its behaviour.
    const std::string root = SCALELAB_SOURCE_DIR;
    const std::string docs = readText(root + "/docs/format.md");
    std::string examples;
    for (const QFileInfo& f : QDir(QStringLiteral(SCALELAB_EXAMPLES)).entryInfoList({"*.scalelab"}))
        examples += readText(f.absoluteFilePath().toStdString());
    for (const auto& k : KindRegistry::instance().kinds()) {
        const char* id = k.id.c_str();
        QVERIFY2(QFile::exists(QString::fromStdString(root + "/" + k.home.behavior)), id);
        QVERIFY2(QFile::exists(QString::fromStdString(root + "/" + k.home.analysis)), id);
        QVERIFY2(QFile::exists(
                     QString::fromStdString(root + "/resources/icons/" + k.look.icon + ".svg")),
                 id);
        QVERIFY2(docs.find("| `" + k.id + "` |") != std::string::npos,
                 ("no docs row: " + k.id).c_str());
        QVERIFY2(examples.find("\"kind\": \"" + k.id + "\"") != std::string::npos,
                 ("no example uses: " + k.id).c_str());
        QCOMPARE(analysisModel(k.role).role, k.role);

        Topology t;
        t.nodes.push_back(Node{NodeId{"n"}, KindId{k.id}, {}, {}, {}});
        sim::Kernel kernel(t, {});
        QVERIFY2(kernel.behavior(0).index() == 0, id);
        QVERIFY2(sim::makeBehavior(k.role, kernel, 0) != nullptr, id);
    }
}

void TestKindRegistry::linkKindsAreNamedOnce()
{
    const auto& r = KindRegistry::instance();
    std::set<std::string> ids;
    for (const auto& lk : r.linkKinds()) {
        QVERIFY2(ids.insert(lk.id).second, lk.id.c_str());
        QCOMPARE(r.findLinkKind(lk.id)->kind, lk.kind);
        QCOMPARE(&r.linkKind(lk.kind), &lk);
        QVERIFY(!lk.help.empty());
    }
    for (const char* id : {"request", "replication", "session", "publish", "consume"})
        QVERIFY2(r.findLinkKind(id), id);
    QCOMPARE(*r.linkKindBetween("database", "database"), LinkKind::Replication);
    QCOMPARE(*r.linkKindBetween("web_server", "database"), LinkKind::Request);
    QVERIFY(!r.linkKindBetween("cache", "database"));
    QCOMPARE(*r.linkKindBetween("web_server", "message_queue"), LinkKind::Publish);
    QCOMPARE(*r.linkKindBetween("message_queue", "worker"), LinkKind::Consume);
    QCOMPARE(*r.linkKindBetween("worker", "database"), LinkKind::Request);
    QVERIFY(r.find("web_server")->param("publish_ratio"));
}

void TestKindRegistry::kindNamesStayInTheRegistry()
{
    // Code outside core/model asks traits; at most 10 kind-name literals may remain.
    const std::string root = SCALELAB_SOURCE_DIR;
    std::vector<std::string> names;
    for (const auto& k : KindRegistry::instance().kinds())
        names.push_back("\"" + k.id + "\"");
    int count = 0;
    QStringList where;
    for (const char* dir : {"core", "gui"}) {
        QDirIterator it(QString::fromStdString(root + "/" + dir), {"*.cpp", "*.h"}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString file = it.next();
            if (file.contains(QLatin1String("/core/model/")))
                continue;
            const std::string text = readText(file.toStdString());
            for (const auto& name : names)
                for (auto at = text.find(name); at != std::string::npos;
                     at = text.find(name, at + 1)) {
                    ++count;
                    where << QStringLiteral("%1: %2").arg(file, QString::fromStdString(name));
                }
        }
    }
    QVERIFY2(count <= 10, qPrintable(where.join(QLatin1Char('\n'))));
}

QTEST_APPLESS_MAIN(TestKindRegistry)
#include "tst_kind_registry.moc"
