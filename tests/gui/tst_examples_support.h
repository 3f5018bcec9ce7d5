#pragma once

// Shared by the example regression tests: run an example through the real command line
// (`scalelab run FILE --json OUT`), read its results, and slice its time series.

#include <cmath>
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "core/io/TopologyJson.h"
#include "core/model/Topology.h"

namespace examples_test {

using nlohmann::json;
namespace core = scalelab::core;

inline QString examplePath(const QString& stem)
{
    return QStringLiteral(SCALELAB_EXAMPLES "/") + stem + QStringLiteral(".scalelab");
}

inline QStringList exampleStems()
{
    QStringList stems;
    const QDir dir(QStringLiteral(SCALELAB_EXAMPLES));
    for (const QString& f : dir.entryList({QStringLiteral("*.scalelab")}, QDir::Files, QDir::Name))
        stems << f.chopped(int(sizeof(".scalelab") - 1));
    return stems;
}

inline core::Topology loadExample(const QString& stem)
{
    core::LoadResult loaded = core::loadTopologyFile(examplePath(stem).toStdString());
    if (!loaded.ok())
        qFatal("example %s does not load", qPrintable(stem));
    return std::move(*loaded.topology);
}

struct RunOutcome {
    bool ok = false;
    QString message;
    json results;
};

/// Runs `scalelab run FILE --json OUT [extra...]`, once per (file, extra): several tests
/// read the same run, and the runs are what costs time.
inline RunOutcome runFile(const QString& file, const QStringList& extra = {})
{
    static std::map<QString, RunOutcome> cache;
    const QString key = file + QLatin1Char('|') + extra.join(QLatin1Char(' '));
    if (auto it = cache.find(key); it != cache.end())
        return it->second;

    RunOutcome outcome;
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("results.json"));
    QProcess p;
    p.start(QStringLiteral(SCALELAB_BINARY),
            QStringList{QStringLiteral("run"), file, QStringLiteral("--json"), out} + extra);
    if (!p.waitForFinished(900000)) {
        p.kill();
        p.waitForFinished();
        outcome.message = QStringLiteral("scalelab run %1 did not finish").arg(file);
        return cache[key] = outcome;
    }
    const QString err = QString::fromUtf8(p.readAllStandardError());
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        outcome.message = QStringLiteral("scalelab run %1 exited %2: %3")
                              .arg(file)
                              .arg(p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1)
                              .arg(err);
        return cache[key] = outcome;
    }
    QFile f(out);
    if (!f.open(QIODevice::ReadOnly)) {
        outcome.message = QStringLiteral("no results file from %1: %2").arg(file, err);
        return cache[key] = outcome;
    }
    const QByteArray bytes = f.readAll();
    outcome.results =
        json::parse(bytes.constData(), bytes.constData() + bytes.size(), nullptr, false);
    outcome.ok = !outcome.results.is_discarded() && outcome.results.is_object();
    if (!outcome.ok)
        outcome.message = QStringLiteral("results of %1 are not a JSON object").arg(file);
    return cache[key] = outcome;
}

inline RunOutcome runExample(const QString& stem, const QStringList& extra = {})
{
    return runFile(examplePath(stem), extra);
}

/// A modified example written to a temporary file (challenge fixes), then run.
inline RunOutcome runTopology(const core::Topology& topology, const QString& tag)
{
    static QTemporaryDir dir;
    const QString path = dir.filePath(tag + QStringLiteral(".scalelab"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return RunOutcome{false, QStringLiteral("cannot write ") + path, {}};
    f.write(QByteArray::fromStdString(core::saveTopology(topology)));
    f.close();
    return runFile(path);
}

/// An example run with `--report FILE.html`: its results, and the report's section under
/// the heading `<h2>title</h2>` up to the next section (empty when there is none).
struct ReportedRun {
    RunOutcome run;
    QString section;
};

inline ReportedRun reportSection(const QString& stem, const QString& title,
                                 const QStringList& extra = {})
{
    static QTemporaryDir dir;
    const QString html = dir.filePath(stem + QStringLiteral(".html"));
    ReportedRun out{runExample(stem, extra + QStringList{QStringLiteral("--report"), html}), {}};
    QFile f(html);
    if (!out.run.ok || !f.open(QIODevice::ReadOnly))
        return out;
    const QString text = QString::fromUtf8(f.readAll());
    const QString heading = QStringLiteral("<h2>") + title + QStringLiteral("</h2>");
    const qsizetype start = text.indexOf(heading);
    if (start < 0)
        return out;
    const qsizetype end = text.indexOf(QStringLiteral("<h2"), start + heading.size());
    out.section = text.mid(start, end < 0 ? -1 : end - start);
    return out;
}

// ---- the time series: intervals [t, t + interval) wholly inside [from, to) ----

inline double seriesSum(const json& r, const char* key, double from, double to, bool perSecond)
{
    const json& ts = r.at("timeseries");
    const double interval = ts.at("interval_s").get<double>();
    const json& t = ts.at("t_s");
    const json& values = ts.at(key);
    double sum = 0;
    for (std::size_t i = 0; i < t.size() && i < values.size(); ++i) {
        const double start = t[i].get<double>();
        if (start >= from - 1e-9 && start + interval <= to + 1e-9)
            sum += values[i].get<double>() * (perSecond ? interval : 1.0);
    }
    return sum;
}

/// Failed requests counted in the window.
inline double errorsIn(const json& r, double from, double to)
{
    return seriesSum(r, "errors", from, to, false);
}

/// Completed requests in the window (throughput x interval).
inline double completedIn(const json& r, double from, double to)
{
    return seriesSum(r, "throughput_rps", from, to, true);
}

/// Mean of a per-interval series (p50_ms, p99_ms) over the window.
inline double meanIn(const json& r, const char* key, double from, double to)
{
    const json& ts = r.at("timeseries");
    const double interval = ts.at("interval_s").get<double>();
    double sum = 0;
    int count = 0;
    for (std::size_t i = 0; i < ts.at("t_s").size(); ++i) {
        const double start = ts.at("t_s")[i].get<double>();
        if (start >= from - 1e-9 && start + interval <= to + 1e-9) {
            sum += ts.at(key)[i].get<double>();
            ++count;
        }
    }
    return count ? sum / count : 0.0;
}

/// The first event of a type about a node at or after `after`, if any. The node is the
/// event's `node`, or its `detail` for events a node reports about another (the load
/// balancer marking a backend down).
inline std::optional<json> findEvent(const json& r, const std::string& type,
                                     const std::string& node, double after = -1)
{
    for (const auto& e : r.at("events"))
        if (e.at("type") == type && (e.at("node") == node || e.at("detail") == node) &&
            e.at("t_s").get<double>() >= after - 1e-9)
            return e;
    return std::nullopt;
}

inline const json& nodeOf(const json& r, const char* id)
{
    return r.at("nodes").at(id);
}

inline double num(const json& j, const char* key)
{
    return j.at(key).get<double>();
}

/// Time of the first scenario action of this type on this node.
inline double actionAt(const core::Topology& t, core::ActionType type, const char* node)
{
    for (const auto& a : t.scenario)
        if (a.action == type && a.node.str() == node)
            return a.atS;
    qFatal("example has no such scenario action on %s", node);
    return 0;
}

inline const core::Node& nodeParams(const core::Topology& t, const char* id)
{
    const core::Node* n = t.findNode(core::NodeId{id});
    if (!n)
        qFatal("example has no node %s", id);
    return *n;
}

/// |actual - expected| <= tolerance, with the numbers in the failure message.
inline bool near(double actual, double expected, double tolerance, QString* why)
{
    const bool ok = std::abs(actual - expected) <= tolerance;
    if (!ok && why)
        *why =
            QStringLiteral("actual %1, expected %2 +- %3").arg(actual).arg(expected).arg(tolerance);
    return ok;
}

} // namespace examples_test

/// Runs an example and binds its results to `var`.
#define EXAMPLE_RUN(var, outcomeExpr)                                                              \
    const ::examples_test::RunOutcome var##Outcome = (outcomeExpr);                                \
    QVERIFY2(var##Outcome.ok, qPrintable(var##Outcome.message));                                   \
    const nlohmann::json& var = var##Outcome.results

/// QVERIFY2 on a tolerance check, printing actual / expected / tolerance.
#define EXPECT_NEAR(what, actual, expected, tolerance)                                             \
    do {                                                                                           \
        QString why_;                                                                              \
        QVERIFY2(::examples_test::near((actual), (expected), (tolerance), &why_),                  \
                 qPrintable(QStringLiteral(what ": ") + why_));                                    \
    } while (false)
