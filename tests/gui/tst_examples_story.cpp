// The rest of the scaling story as regression tests: a CDN, a stateless web tier with a
// session store, and a pool that autoscales. Each runs the real `scalelab run --json`;
// expectations come from the example's own parameters (rates, capacities, targets, timers).
#include "tst_examples_support.h"

#include <QtTest>

#include <cmath>

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

} // namespace

class TestExamplesStory : public QObject {
    Q_OBJECT
private Q_SLOTS:
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
        // After the fall it drains back once the cooldown has passed.
        const auto in = findEvent(r, "scaled_in", "web", fall);
        QVERIFY(in.has_value());
        QVERIFY(in->at("t_s").get<double>() <= fall + evaluate);
        QCOMPARE(series.back().second, settle(back));
        const double mean = num(nodeOf(r, "web"), "instances_mean");
        QVERIFY(mean > settle(base) && mean < settle(peak));
    }
};

QTEST_MAIN(TestExamplesStory)
#include "tst_examples_story.moc"
