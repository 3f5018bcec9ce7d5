// Batch-means confidence intervals (ci95) against the truth of an M/M/1 queue: over many
// seeds the 95% intervals of the mean response time, the throughput and the utilization
// contain the exact value about 95% of the time; the interval shrinks like 1/sqrt(run
// length); a short run gets a warning that names the run length that would do, a long one
// none.
#include <algorithm>
#include <cmath>

#include <boost/math/distributions/students_t.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <QTest>

#include "SimTestSupport.h"
#include "core/sim/BatchMeans.h"
#include "core/sim/ResultsJson.h"
#include "core/sim/Simulation.h"

using namespace scalelab::core;
using namespace scalelab::core::sim;
using namespace scalelab::testsupport;

namespace {

// One client at `lambda` req/s, one exponential server of `serviceMs`: measured for
// `seconds` after a 5 s warm-up.
Topology mm1(double lambda, double serviceMs, double seconds, std::uint64_t seed)
{
    Topology t;
    t.simulation = {seconds + 5, 5, seed};
    t.nodes = {
        makeNode("users", "client", {{"rate_rps", lambda}, {"read_ratio", 1.0}}),
        makeNode("web", "web_server", {{"workers", std::int64_t{1}}, {"service_ms", serviceMs}})};
    t.links = {makeLink("users", "web")};
    return t;
}

const Confidence::Wide* wideFigure(const RunResults& r, const std::string& figure)
{
    const auto it = std::find_if(r.ci95.wide.begin(), r.ci95.wide.end(),
                                 [&](const Confidence::Wide& w) { return w.figure == figure; });
    return it == r.ci95.wide.end() ? nullptr : &*it;
}

} // namespace

class TestBatchMeans : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void independentBatchesGiveTheStudentInterval()
    {
        // Equal denominators and residuals with no correlation: the plain t interval of
        // the batch means, t(9, 0.975) = 2.262157.
        const std::vector<double> num{1, 3, 2, 4, 3, 2, 4, 1, 3, 2}, den(10, 1.0);
        const BatchInterval ci = batchInterval(num, den);
        QCOMPARE(ci.estimate, 2.5);
        double ss = 0;
        for (double v : num)
            ss += (v - 2.5) * (v - 2.5);
        const double expected = 2.262157 * std::sqrt(ss / 9.0) / std::sqrt(10.0);
        QVERIFY(std::abs(ci.halfWidth - expected) < 1e-5);
        QCOMPARE(ci.batches, std::size_t{10});
        QVERIFY(!ci.correlated);
    }

    void correlatedBatchesAreMerged()
    {
        // A slow trend: neighbours alike (lag-1 near 1). Merging halves 40 to 20 to 10 and
        // the result is flagged as still correlated.
        std::vector<double> num, den(40, 1.0);
        for (int i = 0; i < 40; ++i)
            num.push_back(i < 20 ? 1.0 + 0.01 * i : 3.0 - 0.01 * i);
        const BatchInterval ci = batchInterval(num, den);
        QCOMPARE(ci.batches, kMinBatches);
        QVERIFY(ci.correlated);
        QVERIFY(std::isfinite(ci.halfWidth));
    }

    void tooFewBatchesGiveNoInterval()
    {
        const BatchInterval ci = batchInterval({1, 2, 3}, {1, 1, 1});
        QCOMPARE(ci.estimate, 2.0);
        QVERIFY(std::isnan(ci.halfWidth));
    }

    void intervalsCoverTheTruthOfAnMm1()
    {
        // lambda 600/s, mu 1000/s (rho 0.6): mean response 1/(mu - lambda) = 2.5 ms,
        // utilization 0.6, throughput 600/s. 200 seeds of 20 s (12,000 requests each): a
        // 95% interval misses on about 10 of them; the binomial standard deviation of the
        // coverage is 1.5%, so 0.88..0.99 holds unless the intervals are wrong.
        const double lambda = 600, mu = 1000;
        const int runs = 200;
        int coverMean = 0, coverThroughput = 0, coverUtil = 0;
        double widthSum = 0, seSum = 0, meanSum = 0, meanSquares = 0;
        for (int s = 0; s < runs; ++s) {
            const RunResults r = simulate(mm1(lambda, 1000 / mu, 20, 1000 + s));
            const NodeResults& web = nodeOf(r, "web");
            QVERIFY(std::isfinite(r.ci95.latencyMeanMs));
            const double truthMs = 1000 / (mu - lambda);
            coverMean += std::abs(r.latency.mean - truthMs) <= r.ci95.latencyMeanMs;
            coverThroughput += std::abs(r.throughputRps - lambda) <= r.ci95.throughputRps;
            coverUtil += std::abs(web.utilization - lambda / mu) <= web.utilizationCi95;
            widthSum += r.ci95.latencyMeanMs;
            // The standard error one run claims (its half-width over the t quantile)
            const boost::math::students_t t(static_cast<double>(r.ci95.batches - 1));
            seSum += r.ci95.latencyMeanMs / boost::math::quantile(t, 0.975);
            meanSum += r.latency.mean;
            meanSquares += r.latency.mean * r.latency.mean;
        }
        // ... against the spread of the means across the seeds.
        const double spread =
            std::sqrt((meanSquares - meanSum * meanSum / runs) / static_cast<double>(runs - 1));
        qInfo("standard error of the mean response: %.4f ms claimed by batch means, %.4f ms "
              "across seeds",
              seSum / runs, spread);
        QVERIFY(seSum / runs > 0.8 * spread && seSum / runs < 1.25 * spread);
        const auto share = [&](int n) { return static_cast<double>(n) / runs; };
        qInfo("coverage over %d seeds of 20 s: mean response %.3f, throughput %.3f, "
              "utilization %.3f; mean half-width %.4f ms of 2.5",
              runs, share(coverMean), share(coverThroughput), share(coverUtil), widthSum / runs);
        for (int n : {coverMean, coverThroughput, coverUtil}) {
            QVERIFY2(share(n) >= 0.88, qPrintable(QString::number(share(n))));
            QVERIFY2(share(n) <= 0.99, qPrintable(QString::number(share(n))));
        }
    }

    void widthShrinksWithTheSquareRootOfTheRun()
    {
        // Four times the run: half the interval. One pair of runs is too noisy to tell: each
        // half-width is itself an estimate from 10-40 batches, and their ratio spreads with
        // a standard deviation of about 0.5 across seeds. Over 60 seeds the mean ratio has
        // a standard error near 0.07, so 1.7-2.3 is about 4 of them each side of 2 (20 seeds
        // gave 2.12 +- 0.12: too few for that window). The mean of ratios sits a few
        // percent above 2 (E[1/X] > 1/E[X]).
        const int seeds = 60;
        double sum = 0, sumSquares = 0;
        for (int s = 0; s < seeds; ++s) {
            const auto seed = static_cast<std::uint64_t>(100 + s);
            const RunResults shortRun = simulate(mm1(600, 1, 50, seed));
            const RunResults longRun = simulate(mm1(600, 1, 200, seed + 1000));
            const double ratio = shortRun.ci95.latencyMeanMs / longRun.ci95.latencyMeanMs;
            sum += ratio;
            sumSquares += ratio * ratio;
        }
        const double mean = sum / seeds;
        const double spread = std::sqrt((sumSquares - seeds * mean * mean) / (seeds - 1));
        qInfo("half-width ratio 50 s / 200 s over %d seeds: mean %.3f (theory 2), sd %.3f, "
              "standard error %.3f",
              seeds, mean, spread, spread / std::sqrt(seeds));
        QVERIFY(mean > 1.7 && mean < 2.3);
    }

    void shortRunWarnsWithTheLengthThatWouldDo()
    {
        // At rho 0.9 a 10 s run is far from +-5% on the mean response; the warning names
        // latency_ms.mean and a longer run that, when run, brings the interval near 5%.
        const RunResults r = simulate(mm1(900, 1, 10, 3));
        const Confidence::Wide* wide = wideFigure(r, "latency_ms.mean");
        QVERIFY(wide);
        QVERIFY(wide->relative > 0.05);
        QVERIFY(wide->suggestedDurationS > 15);
        const std::string length = fmt::format("a run of about {:g} s", wide->suggestedDurationS);
        const auto sentence =
            std::find_if(r.warnings.begin(), r.warnings.end(), [&](const std::string& w) {
                return w.rfind("latency_ms.mean", 0) == 0 && w.find(length) != std::string::npos;
            });
        QVERIFY2(sentence != r.warnings.end(), length.c_str());
        qInfo("%s", sentence->c_str());
        const double window = wide->suggestedDurationS - 5;
        const RunResults longer = simulate(mm1(900, 1, window, 3));
        const double relative = longer.ci95.latencyMeanMs / longer.latency.mean;
        qInfo("after %.0f s: +-%.2f%%", window, 100 * relative);
        QVERIFY(relative < 0.075);
    }

    void longRunHasNoWarning()
    {
        // rho 0.6 over 200 s: every interval is well under 5%.
        const RunResults r = simulate(mm1(600, 1, 200, 11));
        for (const std::string& w : r.warnings)
            qInfo("%s", w.c_str());
        QVERIFY(r.warnings.empty());
        QVERIFY(r.ci95.wide.empty());
        QVERIFY(r.ci95.latencyMeanMs < 0.05 * r.latency.mean);
    }

    void documentCarriesTheIntervals()
    {
        const RunResults r = simulate(mm1(900, 1, 10, 5));
        const nlohmann::ordered_json doc = resultsDocument(r);
        QVERIFY(doc.contains("ci95"));
        QCOMPARE(doc["ci95"]["latency_ms"]["mean"].get<double>(), r.ci95.latencyMeanMs);
        QVERIFY(doc["ci95"]["throughput_rps"].get<double>() > 0);
        QVERIFY(doc["ci95"]["nodes"]["web"]["utilization"].get<double>() > 0);
        QVERIFY(!doc["ci95"]["nodes"].contains("users")); // a client has no servers
        // Warnings stay sentences (strings), the interval's among them.
        QVERIFY(doc["warnings"].is_array());
        QVERIFY(!doc["warnings"].empty());
        for (const auto& w : doc["warnings"])
            QVERIFY(w.is_string());
        // The timing block stays last, apart from everything that depends on the seed only.
        QCOMPARE((--doc.end()).key(), std::string("engine"));
        // Read back, the intervals come back.
        const RunResults back = resultsFromDocument(nlohmann::json(doc));
        QCOMPARE(back.ci95.latencyMeanMs, r.ci95.latencyMeanMs);
        QCOMPARE(nodeOf(back, "web").utilizationCi95, nodeOf(r, "web").utilizationCi95);
    }
};

QTEST_GUILESS_MAIN(TestBatchMeans)
#include "tst_batch_means.moc"
