// Sweeps written as their points finish: the streamed --json is the whole document byte for
// byte, the CSV the one of the document, and a streamed sweep holds no point: the heap
// blocks alive when its last point is handed on are those alive at its fifth (counted by
// replacing operator new in this test), where a sweep that collects its document holds
// every point's.
#include <atomic>
#include <cstdlib>
#include <new>
#include <sstream>

#include <QTest>

#include "SimTestSupport.h"
#include "core/experiment/ReplicationRunner.h"
#include "core/experiment/Sweep.h"
#include "core/experiment/SweepCsvWriter.h"
#include "core/experiment/SweepJsonWriter.h"
#include "core/experiment/SweepSpec.h"

namespace {
std::atomic<long long> g_liveBlocks{0}; ///< blocks from operator new not yet deleted
} // namespace

// Every allocation of this program comes through here (std::malloc does not call it).
void* operator new(std::size_t size)
{
    void* p = std::malloc(size == 0 ? 1 : size);
    if (!p)
        throw std::bad_alloc();
    ++g_liveBlocks;
    return p;
}
void operator delete(void* p) noexcept
{
    if (!p)
        return;
    --g_liveBlocks;
    std::free(p);
}
void operator delete(void* p, std::size_t) noexcept
{
    operator delete(p);
}
void* operator new[](std::size_t size)
{
    return operator new(size);
}
void operator delete[](void* p) noexcept
{
    operator delete(p);
}
void operator delete[](void* p, std::size_t) noexcept
{
    operator delete(p);
}

using namespace scalelab::core;
using namespace scalelab::core::experiment;
using namespace scalelab::testsupport;

namespace {

Topology oneServer()
{
    Topology t;
    t.name = "one server";
    t.simulation = {2.0, 0.2, 9};
    t.nodes = {makeNode("users", "client", {{"rate_rps", 100.0}}),
               makeNode("web", "web_server", {{"workers", std::int64_t{2}}, {"service_ms", 5.0}})};
    t.links = {makeLink("users", "web")};
    t.goals = {{"p99_ms", 200.0}};
    return t;
}

// Records the live heap blocks each time a point is handed on (the sweep's state then).
class BlockProbe : public SweepSink {
public:
    std::vector<long long> live;
    void begin(const nlohmann::ordered_json&) override { live.reserve(1000); }
    void point(std::size_t, const nlohmann::ordered_json&) override
    {
        live.push_back(g_liveBlocks.load());
    }
    void end() override {}
};

// Takes what is written and keeps nothing.
class Discard : public std::streambuf {
    int overflow(int c) override { return traits_type::not_eof(c); }
    std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};

} // namespace

class TestSweepStream : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void streamedDocumentIsTheWholeOneByteForByte()
    {
        const Topology t = oneServer();
        // Two axes, two replications, on two threads against one.
        const SweepDesign d(
            t, {parseVary("web.workers=1,2", t), parseVary("users.rate_rps=50,100,150", t)});
        ReplicationRunner runner(t.simulation.seed, 2);
        std::ostringstream json;
        std::ostringstream csv;
        SweepJsonWriter jsonWriter(json);
        SweepCsvWriter csvWriter(csv);
        SweepFanOut both;
        both.add(jsonWriter);
        both.add(csvWriter);
        runSweep(d, "one.scalelab", 2, runner, both);

        ReplicationRunner again(t.simulation.seed, 1);
        const nlohmann::ordered_json whole = runSweep(d, "one.scalelab", 2, again);
        QCOMPARE(whole["points"].size(), std::size_t{6});
        QCOMPARE(QString::fromStdString(json.str()), QString::fromStdString(whole.dump(2)));
        QCOMPARE(QString::fromStdString(csv.str()), QString::fromStdString(sweepCsv(whole)));

        // A point with an error and text values, and a sweep cancelled before its first
        // point: the same bytes as the document's.
        nlohmann::ordered_json odd = sweepHeader(d, "odd\n\"name\".scalelab", 1);
        odd["points"] = nlohmann::ordered_json::array();
        std::ostringstream empty;
        SweepJsonWriter emptyWriter(empty);
        replaySweep(odd, emptyWriter);
        QCOMPARE(QString::fromStdString(empty.str()), QString::fromStdString(odd.dump(2)));
        odd["points"].push_back(whole["points"][0]);
        odd["points"].push_back({{"values", {{"web.workers", "a\nb"}}}, {"error", "bad\n\"x\""}});
        std::ostringstream two;
        SweepJsonWriter twoWriter(two);
        replaySweep(odd, twoWriter);
        QCOMPARE(QString::fromStdString(two.str()), QString::fromStdString(odd.dump(2)));
    }

    void streamedSweepHoldsNoPoint()
    {
        const Topology t = oneServer();
        constexpr std::size_t kPoints = 40;
        const SweepDesign d(t, {parseVary("users.rate_rps=10:400:10", t)});
        QCOMPARE(d.points(), kPoints);
        // One thread: the runner's worker is the only thread allocating, so the counts at
        // each point are the same from run to run.
        const ReplicationRunner runner(t.simulation.seed, 1);
        constexpr std::size_t kWarm = 4; // lazily built tables exist by the fifth point

        Discard discard;
        std::ostream out(&discard);
        SweepJsonWriter json(out);
        SweepCsvWriter csv(out);
        BlockProbe streamed;
        SweepFanOut sinks;
        sinks.add(json);
        sinks.add(csv);
        sinks.add(streamed);
        runSweep(d, "one.scalelab", 2, runner, sinks);
        QCOMPARE(streamed.live.size(), kPoints);
        const long long peak =
            *std::max_element(streamed.live.begin() + kWarm, streamed.live.end());
        QVERIFY2(peak <= streamed.live[kWarm] + 4,
                 qPrintable(QStringLiteral("%1 blocks alive at the fifth point, %2 later")
                                .arg(streamed.live[kWarm])
                                .arg(peak)));

        // The probe sees it when points are kept: a sweep collecting its document holds
        // at least a block a point more at its last point than at its fifth.
        SweepDocumentBuilder document;
        BlockProbe collected;
        SweepFanOut kept;
        kept.add(document);
        kept.add(collected);
        runSweep(d, "one.scalelab", 2, runner, kept);
        QVERIFY(collected.live.back() - collected.live[kWarm] >=
                static_cast<long long>(kPoints - kWarm - 1));
    }
};

QTEST_APPLESS_MAIN(TestSweepStream)
#include "tst_sweep_stream.moc"
