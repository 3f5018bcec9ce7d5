// The registry is the only declaration of kinds and parameters: it must be complete
// enough that the loader, validator, inspector and report never need another source.
#include "core/model/KindRegistry.h"

#include <set>

#include <QtTest>

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
};

void TestKindRegistry::designKindsAndParametersArePresent()
{
    const auto& r = KindRegistry::instance();
    const std::map<std::string, std::vector<std::string>> expected{
        {"client", {"rate_rps", "arrival", "read_ratio", "timeout_ms", "key_space", "key_skew",
                    "dns_lookup_ratio", "network"}},
        {"dns", {"workers", "service_ms", "service_dist", "service_cv", "speed", "queue_limit"}},
        {"load_balancer", {"workers", "service_ms", "algorithm", "health_check_interval_s",
                           "unhealthy_threshold", "retry_on_failure"}},
        {"web_server", {"workers", "service_ms", "concurrency_model", "speed", "queue_limit"}},
        {"cache", {"workers", "service_ms", "hit_ratio", "capacity_keys"}},
        {"database", {"connections", "read_ms", "write_ms", "service_dist", "role", "engine",
                      "failover", "detect_s", "promote_s", "queue_limit"}},
    };
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
        QVERIFY(!k->icon.empty());
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
        for (const auto& target : k.sendsTo)
            QVERIFY2(KindRegistry::instance().find(target), (k.id + " -> " + target).c_str());
}

void TestKindRegistry::networkDefaultsFollowTheDesign()
{
    const auto net = [](const char* kind) {
        return std::get<std::string>(KindRegistry::instance().find(kind)->param("network")->defaultValue);
    };
    QCOMPARE(net("client"), std::string("public"));
    QCOMPARE(net("dns"), std::string("public"));
    QCOMPARE(net("load_balancer"), std::string("public"));
    QCOMPARE(net("web_server"), std::string("public"));
    QCOMPARE(net("cache"), std::string("private"));
    QCOMPARE(net("database"), std::string("private"));
}

void TestKindRegistry::engineProfilesDiffer()
{
    QCOMPARE(engineProfile("relational").readFactor, 1.0);
    QVERIFY(engineProfile("nosql").readFactor < 1.0);
    QVERIFY(engineProfile("nosql").writeFactor < 1.0);
}

QTEST_APPLESS_MAIN(TestKindRegistry)
#include "tst_kind_registry.moc"
