// Topologies far deeper than any drawing: the engine, the validator and the analyzer must
// handle them with a bounded stack (issue 20: a chain of 100,000 zero-latency hops
// overflowed the stack in `run`, and `analyze` at 50-60k deep).
#include <string>

#include <QTest>

#include "SimTestSupport.h"
#include "core/analysis/Analysis.h"
#include "core/model/Topology.h"
#include "core/sim/Simulation.h"
#include "core/validation/Validator.h"

using namespace scalelab::core;
using namespace scalelab::core::sim;
using namespace scalelab::testsupport;

namespace {

constexpr int kDepth = 100000;

// users -> w0 -> w1 -> ... -> w(depth-1), every link without latency. Each web server calls
// the next one as its next tier and answers once it has answered.
Topology chain(int depth, double serviceMs, double durationS)
{
    Topology t;
    t.name = "deep chain";
    t.simulation = {durationS, 0.0, 7};
    t.nodes.reserve(static_cast<std::size_t>(depth) + 1);
    t.nodes.push_back(
        makeNode("users", "client",
                 {{"rate_rps", 4.0}, {"arrival", std::string("constant")}, {"read_ratio", 1.0}}));
    std::vector<std::string> ids;
    ids.reserve(static_cast<std::size_t>(depth));
    for (int i = 0; i < depth; ++i) {
        std::string id = std::to_string(i); // not "w" + ...: GCC 12 -Wrestrict false positive
        id.insert(id.begin(), 'w');
        ids.push_back(std::move(id));
    }
    for (int i = 0; i < depth; ++i)
        t.nodes.push_back(
            makeNode(ids[static_cast<std::size_t>(i)].c_str(), "web_server",
                     {{"service_ms", serviceMs}, {"service_dist", std::string("constant")}}));
    t.links.push_back(makeLink("users", "w0"));
    for (int i = 0; i + 1 < depth; ++i)
        t.links.push_back(makeLink(ids[static_cast<std::size_t>(i)].c_str(),
                                   ids[static_cast<std::size_t>(i) + 1].c_str()));
    return t;
}

} // namespace

class TestDeepTopologies : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // Zero service and zero latency: every hop, there and back, is delivered at once.
    void zeroDelayChainRuns()
    {
        const Topology t = chain(kDepth, 0.0, 2.0);
        const RunResults r = simulate(t);
        // Constant arrivals at 4/s over 2 s, each answered the instant it is sent.
        QCOMPARE(r.generated, std::uint64_t{8});
        QCOMPARE(r.completed, r.generated);
        QCOMPARE(r.failed, std::uint64_t{0});
        QCOMPARE(nodeOf(r, "w99999").completed, std::uint64_t{8});
        QCOMPARE(r.latency.max, 0.0);
    }

    // Service takes time, answers come back without latency: the return path is the deep one.
    void zeroLatencyAnswersUnwind()
    {
        // 1 us a hop: a request takes 100 ms through the chain and back.
        const Topology t = chain(kDepth, 0.001, 1.2);
        const RunResults r = simulate(t);
        QCOMPARE(r.generated, std::uint64_t{4});
        QCOMPARE(r.completed, r.generated);
        QVERIFY(qAbs(r.latency.mean - 100.0) < 0.01);
    }

    void validatorAndAnalyzerHandleTheChain()
    {
        const Topology t = chain(kDepth, 1.0, 10.0);
        const Diagnostics d = validate(t);
        for (const auto& diagnostic : d)
            QVERIFY2(diagnostic.severity != Severity::Error, diagnostic.message.c_str());
        const Analysis a = analyze(t);
        QCOMPARE(a.nodes.size(), t.nodes.size());
        // Every server of the chain is needed: each is a single point of failure.
        QCOMPARE(a.singlePointsOfFailure.size(), std::size_t{kDepth});
        // 4 rps through 100k servers of 1 ms each: 100 s there, answers free.
        QVERIFY(a.endToEndMeanMs.has_value());
        QVERIFY2(qAbs(*a.endToEndMeanMs - 100000.0) < 1.0,
                 qPrintable(QString::number(*a.endToEndMeanMs)));
    }
};

QTEST_APPLESS_MAIN(TestDeepTopologies)
#include "tst_deep_topologies.moc"
