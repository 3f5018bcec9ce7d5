// The rest of the scaling story as regression tests: a CDN, a stateless web tier with a
// session store, and a pool that autoscales. Each runs the real `scalelab run --json`;
// expectations come from the example's own parameters (rates, capacities, targets, timers).
#include <cmath>

#include <QtTest>

#include "tst_examples_support.h"

using namespace examples_test;
using scalelab::core::ActionType;

namespace {

// Serving instances of an autoscaled pool over each interval [t, t + interval).
std::vector<std::pair<double, double>> instancesOf(const json& r, const char* id)
{
    const json& ts = r.at("timeseries");
    std::vector<std::pair<double, double>> out;
    const json& values = ts.at("instances").at(id);
    for (std::size_t i = 0; i < values.size(); ++i)
        out.emplace_back(ts.at("t_s")[i].get<double>(), values[i].get<double>());
    return out;
}

double instancesAt(const std::vector<std::pair<double, double>>& series, double t)
{
    for (const auto& [start, value] : series)
        if (t >= start && t < start + 1)
            return value;
    qFatal("no instances at %g s", t);
    return 0;
}

// Σ p_i λ_i T / (1 + λ_i T) over Zipf(s) objects.
double ttlHitRatio(int objects, double skew, double rate, double ttl)
{
    double norm = 0;
    for (int k = 1; k <= objects; ++k)
        norm += std::pow(k, -skew);
    double hit = 0;
    for (int k = 1; k <= objects; ++k) {
        const double p = std::pow(k, -skew) / norm;
        hit += p * (p * rate * ttl) / (1 + p * rate * ttl);
    }
    return hit;
}

} // namespace

class TestExamplesStory : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cdnTakesTheStaticAssetsToTheEdge()
    {
        const core::Topology t = loadExample(QStringLiteral("09-cdn"));
        const core::Node& users = nodeParams(t, "users");
        const core::Node& cdn = nodeParams(t, "cdn");
        const double rate = users.number("rate_rps");
        const double staticRate = rate * users.number("static_ratio");
        const double hit =
            ttlHitRatio(static_cast<int>(users.integer("object_space")),
                        users.number("object_skew"), staticRate, cdn.number("ttl_s"));
        const double purge = actionAt(t, ActionType::Purge, "cdn");
        const double down = actionAt(t, ActionType::Fail, "cdn");
        const double up = actionAt(t, ActionType::Recover, "cdn");
        const double w = t.simulation.warmupS;

        // Steady state (stopped before the purge): the origin sees static x (1 - hit).
        EXAMPLE_RUN(r, runExample(QStringLiteral("09-cdn"),
                                  {QStringLiteral("--duration"), QString::number(purge)}));
        const double window = purge - w;
        const double origin = num(nodeOf(r, "store"), "arrivals") / window;
        qInfo("09: hit ratio %.4f (formula %.4f); origin %.1f req/s of %.0f static (theory "
              "%.1f); web tier %.0f req/s",
              num(nodeOf(r, "cdn"), "hit_ratio"), hit, origin, staticRate, staticRate * (1 - hit),
              num(nodeOf(r, "web"), "arrivals") / window);
        EXPECT_NEAR("CDN hit ratio", num(nodeOf(r, "cdn"), "hit_ratio"), hit, 0.015);
        EXPECT_NEAR("origin load", origin, staticRate * (1 - hit), staticRate * 0.015);
        EXPECT_NEAR("static requests",
                    r.at("by_class").at("static").at("count").get<double>() / window, staticRate,
                    staticRate * 0.02);
        // The web tier serves only the dynamic part.
        EXPECT_NEAR("web tier load", num(nodeOf(r, "web"), "arrivals") / window, rate - staticRate,
                    (rate - staticRate) * 0.02);

        // The whole run: the purge and the outage cost the origin, and nothing fails.
        EXAMPLE_RUN(all, runExample(QStringLiteral("09-cdn")));
        // With fallback only what the CDN held or was about to get when it failed is lost (a
        // few ms of traffic); later requests go straight to the origin.
        const double cut = num(nodeOf(all, "cdn"), "lost") + num(nodeOf(all, "cdn"), "refused");
        QCOMPARE(all.at("requests").at("failed").get<double>(), cut);
        QVERIFY(cut < 0.05 * staticRate);
        QVERIFY(findEvent(all, "purged", "cdn", purge).has_value());
        const double steady = (t.simulation.durationS - w - (up - down)) * staticRate * (1 - hit);
        const double outage = (up - down) * staticRate;
        const double total = num(nodeOf(all, "store"), "arrivals");
        qInfo("09: origin arrivals %.0f; steady misses %.0f + fallback %.0f, the rest refills "
              "after the purge and the cold restart",
              total, steady, outage);
        QVERIFY(total > steady + outage);
        QVERIFY(total < steady + outage + 2 * users.number("object_space"));
    }

    void sharedSessionsSurviveAServerFailure()
    {
        const core::Topology t = loadExample(QStringLiteral("10-stateless-web-tier"));
        const core::Node& users = nodeParams(t, "users");
        const double rate = users.number("rate_rps");
        const double population = static_cast<double>(users.integer("users"));
        const double perUser = rate / population;
        const double firstFailure = actionAt(t, ActionType::Fail, "web2");
        const double toShared = actionAt(t, ActionType::Set, "web1");
        const double secondFailure = actionAt(t, ActionType::Fail, "web3");
        QVERIFY(nodeParams(t, "lb").flag("sticky_sessions"));

        // Local sessions behind a sticky balancer: round robin pins the users in turn, so
        // web2 holds a third of those who have logged in by the time it fails.
        EXAMPLE_RUN(local, runExample(QStringLiteral("10-stateless-web-tier"),
                                      {QStringLiteral("--duration"), QString::number(toShared)}));
        const double seen = population * (1 - std::exp(-perUser * firstFailure));
        const double lost = local.at("sessions").at("lost").get<double>();
        const double misses = local.at("sessions").at("misses").get<double>();
        qInfo("10: web2 lost %.0f sessions (a third of %.0f logged-in users: %.0f); %.0f misses "
              "before the switch",
              lost, seen, seen / 3, misses);
        EXPECT_NEAR("sessions lost with web2", lost, seen / 3, 0.02 * seen / 3);
        QCOMPARE(num(nodeOf(local, "web2"), "sessions_lost"), lost);
        QVERIFY(findEvent(local, "sessions_lost", "web2", firstFailure).has_value());
        // Those users log in again on web1 or web3; first logins after the warm-up are few.
        QVERIFY(misses > 0.9 * lost);
        QVERIFY(misses < lost + population * std::exp(-perUser * t.simulation.warmupS) * 1.5);

        // Shared from then on: web3's failure loses no session and nobody logs in again;
        // the store takes one read per request.
        EXAMPLE_RUN(all, runExample(QStringLiteral("10-stateless-web-tier")));
        QCOMPARE(all.at("sessions").at("lost").get<double>(), lost);
        QCOMPARE(all.at("sessions").at("misses").get<double>(), misses);
        QVERIFY(!findEvent(all, "sessions_lost", "web3", secondFailure).has_value());
        const double reads = num(nodeOf(all, "sessions"), "arrivals");
        const double expected = rate * (t.simulation.durationS - toShared);
        qInfo("10: %.0f session reads after the switch (rate x time = %.0f)", reads, expected);
        EXPECT_NEAR("session store reads", reads, expected, 0.03 * expected);
    }

    void autoscalingAbsorbsATrafficStep()
    {
        const core::Topology t = loadExample(QStringLiteral("11-autoscaling"));
        const core::Node& web = nodeParams(t, "web");
        const double perInstance =
            static_cast<double>(web.integer("workers")) * 1000.0 / web.number("service_ms");
        const double target = web.number("target_utilization");
        const double base = nodeParams(t, "users").number("rate_rps");
        const double step = actionAt(t, ActionType::Set, "users");
        double peak = 0, back = 0;
        for (const auto& a : t.scenario)
            (a.atS == step ? peak : back) = core::toNumber(a.value);
        const double fall = t.scenario.back().atS;
        const double evaluate = web.number("evaluate_s");
        const double boot = web.number("boot_s");
        const auto settle = [&](double rate) { return std::ceil(rate / (perInstance * target)); };
        // The lesson holds only if the fixed pool cannot take the step.
        QVERIFY(peak > static_cast<double>(web.integer("instances")) * perInstance);

        EXAMPLE_RUN(r, runExample(QStringLiteral("11-autoscaling")));
        const auto series = instancesOf(r, "web");
        QCOMPARE(instancesAt(series, step - 5), settle(base));
        // It launches within one evaluation of the step, and the launch serves boot_s later.
        const auto out = findEvent(r, "scaled_out", "web", step);
        QVERIFY(out.has_value());
        const double launched = out->at("t_s").get<double>();
        QVERIFY2(launched <= step + evaluate, qPrintable(QString::number(launched)));
        QCOMPARE(instancesAt(series, launched + boot - 1), settle(base));
        QVERIFY(instancesAt(series, launched + boot + 1) > settle(base));
        // It settles at ceil(peak / (capacity x target)) and latency recovers.
        QCOMPARE(instancesAt(series, fall - 5), settle(peak));
        const double p99Before = meanIn(r, "p99_ms", step - 40, step);
        const double p99Spike = meanIn(r, "p99_ms", launched, launched + boot);
        const double p99After = meanIn(r, "p99_ms", fall - 30, fall);
        qInfo("11: %g instances at %g req/s, %g at %g req/s; scaled_out at %.0f s; p99 %.0f ms "
              "before, %.0f ms while booting, %.0f ms once settled",
              settle(base), base, settle(peak), peak, launched, p99Before, p99Spike, p99After);
        QVERIFY(p99Spike > 3 * p99Before);
        QVERIFY(p99After < 1.5 * p99Before);
        QCOMPARE(r.at("requests").at("failed").get<double>(), 0.0);
        // After the fall it drains back at the first evaluation the cooldown allows.
        const auto in = findEvent(r, "scaled_in", "web", fall);
        QVERIFY(in.has_value());
        QVERIFY(in->at("t_s").get<double>() <= fall + web.number("cooldown_s") + evaluate);
        QCOMPARE(series.back().second, settle(back));
        const double mean = num(nodeOf(r, "web"), "instances_mean");
        QVERIFY(mean > settle(base) && mean < settle(peak));
    }
};

QTEST_MAIN(TestExamplesStory)
#include "tst_examples_story.moc"
