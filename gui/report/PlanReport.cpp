#include "gui/report/PlanReport.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include <nlohmann/json.hpp>

#include <QFileInfo>
#include <QLocale>

#include "core/goals/GoalCatalog.h"
#include "gui/report/ReportHelpers.h"
#include "gui/report/ReportWriter.h"
#include "gui/report/SvgChart.h"
#include "gui/util/AtomicWrite.h"
#include "gui/util/Counting.h"

namespace scalelab::gui {

namespace plan_report_detail {

using OJson = nlohmann::ordered_json;
using report_detail::kRepNaN;
using report_detail::repEsc;
using report_detail::repRow;
using report_detail::repTableOpen;

// An overall latency with no number: it falls among the unanswered requests.
const QString kBeyond = QStringLiteral("no number: requests went unanswered");
constexpr int kCapTimesTarget = 4;

/// A goal as the report states it: the target and its direction, from the plan when it
/// proved a design, else from the file's goals and the catalog.
struct Goal {
    std::string name;
    double target = kRepNaN;
    bool upper = true;
    QString unit;
};

std::vector<Goal> goalsOf(const OJson& plan, const std::map<std::string, double>& targets)
{
    std::vector<std::string> names;
    const auto add = [&](const std::string& name) {
        if (std::find(names.begin(), names.end(), name) == names.end())
            names.push_back(name);
    };
    // Named, not temporaries: a range-for keeps only the outermost temporary alive.
    const OJson proofs = plan.value("goals", OJson::object());
    for (const auto& [name, g] : proofs.items())
        add(name);
    for (const auto& [name, target] : targets)
        add(name);
    const OJson search = plan.value("search", OJson::object());
    for (const char* list : {"simulated", "probes"}) {
        const OJson steps = search.value(list, OJson::array());
        for (const auto& step : steps) {
            const OJson figures = step.value("goals", OJson::object());
            for (const auto& [name, g] : figures.items())
                add(name);
        }
    }
    std::vector<Goal> goals;
    for (const std::string& name : names) {
        Goal g;
        g.name = name;
        const core::GoalSpec* spec = core::GoalCatalog::instance().find(name);
        if (spec) {
            g.upper = spec->bound == core::GoalBound::Upper;
            g.unit = QString::fromStdString(spec->unit);
        }
        const OJson proof = proofs.value(name, OJson::object());
        if (proof.contains("target") && proof["target"].is_number())
            g.target = proof["target"].get<double>();
        else if (const auto it = targets.find(name); it != targets.end())
            g.target = it->second;
        if (proof.contains("bound"))
            g.upper = proof["bound"] != "lower";
        goals.push_back(std::move(g));
    }
    return goals;
}

QString valueText(const OJson& v)
{
    return QString::fromStdString(v.is_string() ? v.get<std::string>() : v.dump());
}

// Text from the file (a knob, a value) as a table cell: a leading '#' or '~' written as a
// reference so repRow does not read it as its alignment mark.
QString textCell(const QString& text)
{
    QString cell = repEsc(text);
    if (cell.startsWith(QLatin1Char('#')))
        cell.replace(0, 1, QStringLiteral("&#35;"));
    else if (cell.startsWith(QLatin1Char('~')))
        cell.replace(0, 1, QStringLiteral("&#126;"));
    return cell;
}

// As `scalelab plan` prints them: a mean to five significant digits, its interval to three.
QString meanText(double v)
{
    return std::abs(v) >= 1e5 ? QLocale(QLocale::English).toString(v, 'f', 0)
                              : QString::number(v, 'g', 5);
}

QString ciText(double v)
{
    if (std::abs(v) >= 1e5)
        return QLocale(QLocale::English).toString(v, 'f', 0);
    // Three significant digits, never "4.69e-05" (an availability's interval is that small).
    if (v != 0 && std::abs(v) < 1e-3)
        return QString::number(v, 'f', 2 - static_cast<int>(std::floor(std::log10(std::abs(v)))));
    return QString::number(v, 'g', 3);
}

QString withUnit(const QString& number, const Goal& g)
{
    return g.unit.isEmpty() ? number : number + QStringLiteral(" ") + g.unit;
}

QString targetText(const Goal& g)
{
    if (!std::isfinite(g.target))
        return QStringLiteral("-");
    return (g.upper ? QStringLiteral("≤ ") : QStringLiteral("≥ ")) +
           withUnit(QString::number(g.target, 'g', 6), g);
}

// "12.345 ± 0.213"; a mean with no number falls among unanswered requests.
QString meanCell(const OJson& figure)
{
    const OJson mean = figure.value("mean", OJson());
    if (!mean.is_number())
        return QStringLiteral("<i>%1</i>").arg(kBeyond);
    const OJson ci = figure.value("ci95", OJson());
    return QStringLiteral("~") + meanText(mean.get<double>()) +
           (ci.is_number() ? QStringLiteral(" ± ") + ciText(ci.get<double>()) : QString());
}

QString valuesText(const OJson& values, const QString& relation = QStringLiteral(" = "))
{
    QStringList parts;
    for (const auto& [key, v] : values.items())
        parts << QString::fromStdString(key) + relation + valueText(v);
    return parts.join(QStringLiteral(", "));
}

QString names(const OJson& list)
{
    QStringList out;
    for (const auto& n : list)
        out << QString::fromStdString(n.get<std::string>());
    return out.join(QStringLiteral(", "));
}

QString stepVerdict(const OJson& step, bool probe)
{
    if (step.contains("error"))
        return QStringLiteral("<span class=\"miss\">failed: %1</span>")
            .arg(repEsc(QString::fromStdString(step["error"].get<std::string>())));
    const OJson& clearly = step.at("clearly_missed");
    if (!clearly.empty())
        return QStringLiteral("<span class=\"miss\">clearly misses %1</span>")
            .arg(repEsc(names(clearly)));
    if (probe)
        return QStringLiteral("no goal clearly missed");
    if (step.at("proven").get<bool>())
        return QStringLiteral("<span class=\"ok\">proven</span>");
    return QStringLiteral("<span class=\"maybe\">not proven: %1</span>")
        .arg(repEsc(names(step.at("not_proven"))));
}

QString costCell(const OJson& cost)
{
    return QStringLiteral("#$") +
           QLocale(QLocale::English).toString(cost.value("per_month", 0.0), 'f', 0);
}

// A table of steps: their values, cost (not for probes: each is the top of the box but
// one knob, its cost says nothing), each goal's mean and interval, and the verdict.
QString stepsTable(const OJson& steps, const OJson& vary, const std::vector<Goal>& goals,
                   bool probe)
{
    QStringList header{QStringLiteral("##")};
    // A knob's name may break after its dot ("cache.&#8203;workers"): its values are short,
    // the goals' columns need the room.
    for (const auto& a : vary)
        header << textCell(QString::fromStdString(a.at("node").get<std::string>())) +
                      QStringLiteral(".&#8203;") +
                      textCell(QString::fromStdString(a.at("param").get<std::string>()));
    if (!probe)
        header << QStringLiteral("#cost / month");
    for (const Goal& g : goals)
        header << QStringLiteral("~%1 (%2)")
                      .arg(repEsc(QString::fromStdString(g.name)), repEsc(targetText(g)));
    header << QStringLiteral("verdict");
    // Set widths, so that with three goals the verdict still reads on a line or two and
    // the table keeps to the page.
    std::vector<int> widths{5};
    widths.insert(widths.end(), vary.size(), 12);
    if (!probe)
        widths.push_back(10);
    const int used = std::accumulate(widths.begin(), widths.end(), 0);
    const int perGoal =
        goals.empty() ? 0 : std::clamp((100 - used - 22) / static_cast<int>(goals.size()), 10, 28);
    widths.insert(widths.end(), goals.size(), perGoal);
    widths.push_back(std::max(18, 100 - used - perGoal * static_cast<int>(goals.size())));
    QString out = repTableOpen() + repRow(header, true, widths);
    int index = 0;
    for (const auto& step : steps) {
        QStringList row{QStringLiteral("#%1").arg(++index)};
        for (const auto& [key, v] : step.at("values").items())
            row << QStringLiteral("#") + repEsc(valueText(v));
        if (!probe)
            row << costCell(step.at("cost"));
        const OJson& figures = step.value("goals", OJson::object());
        for (const Goal& g : goals)
            row << (figures.contains(g.name) ? meanCell(figures[g.name]) : QStringLiteral("-"));
        row << stepVerdict(step, probe);
        out += repRow(row, false, widths);
    }
    return out + QStringLiteral("</table>\n");
}

QString questionSection(const OJson& plan, const std::vector<Goal>& goals)
{
    QString out = QStringLiteral("<h2>The question</h2>\n<p>The cheapest values of these knobs "
                                 "that meet every goal, each proven by simulation: met even at "
                                 "the worse end of its 95% confidence interval.</p>\n");
    out +=
        repTableOpen() +
        repRow({QStringLiteral("goal"), QStringLiteral("must be"), QStringLiteral("target")}, true);
    for (const Goal& g : goals)
        out +=
            repRow({textCell(QString::fromStdString(g.name)),
                    g.upper ? QStringLiteral("at most") : QStringLiteral("at least"),
                    QStringLiteral("#") + repEsc(withUnit(std::isfinite(g.target)
                                                              ? QString::number(g.target, 'g', 6)
                                                              : QStringLiteral("(not in the plan)"),
                                                          g))});
    out += QStringLiteral("</table>\n");
    out += repTableOpen() + repRow({QStringLiteral("knob"), QStringLiteral("from"),
                                    QStringLiteral("to"), QStringLiteral("values")},
                                   true);
    for (const auto& a : plan.value("vary", OJson::array())) {
        const OJson& values = a.at("values");
        const QString key = QString::fromStdString(a.at("node").get<std::string>() + "." +
                                                   a.at("param").get<std::string>());
        out += repRow({textCell(key),
                       values.empty() ? QStringLiteral("-")
                                      : QStringLiteral("#") + repEsc(valueText(values.front())),
                       values.empty() ? QStringLiteral("-")
                                      : QStringLiteral("#") + repEsc(valueText(values.back())),
                       QStringLiteral("#%1").arg(values.size())});
    }
    return out + QStringLiteral("</table>\n");
}

QString floorsText(const OJson& search)
{
    return valuesText(search.value("floors", OJson::object()), QStringLiteral(" ≥ "));
}

QString answerSection(const OJson& plan, const std::vector<Goal>& goals)
{
    QString out = QStringLiteral("<h2>The answer</h2>\n");
    const OJson& search = plan.value("search", OJson::object());
    if (!plan.value("proven", false)) {
        out += QStringLiteral("<p class=\"verdict miss\"><b>No candidate was proven to meet "
                              "every goal</b> within these ranges.</p>\n");
        const OJson& probes = search.value("probes", OJson::array());
        if (probes.empty())
            out += QStringLiteral("<p>No probes ran (the cheapest candidate did not clearly "
                                  "miss, or a knob is not a count of capacity).</p>\n");
        else if (search.value("floors", OJson::object()).empty())
            out += QStringLiteral("<p>The probes showed that even the largest values (every "
                                  "knob at the top of its range) clearly miss %1: nothing in "
                                  "these ranges can meet the goals.</p>\n")
                       .arg(repEsc(names(probes.front().at("clearly_missed"))));
        else
            out += QStringLiteral("<p>The probes found the floors <b>%1</b>: a design below any "
                                  "of them clearly misses a goal.</p>\n")
                       .arg(repEsc(floorsText(search)));
        return out + QStringLiteral("<p>Widen the ranges or relax the goals.</p>\n");
    }
    const OJson& cost = plan.at("cost");
    const QLocale english(QLocale::English);
    out += QStringLiteral("<p class=\"verdict\"><b>Chosen: %1</b></p>\n<p>Cost <b>$%2 per "
                          "hour</b>, <b>$%3 per month</b>; every goal met over %4.</p>\n")
               .arg(repEsc(valuesText(plan.at("chosen"))),
                    english.toString(cost.value("per_hour", 0.0), 'f', 3),
                    english.toString(cost.value("per_month", 0.0), 'f', 0),
                    countOf(plan.value("verified", OJson::object()).value("replications", 0),
                            QStringLiteral("replication"), QStringLiteral("replications")));
    out += repTableOpen() + repRow({QStringLiteral("goal"), QStringLiteral("#target"),
                                    QStringLiteral("#mean ± 95% interval"), QStringLiteral("met")},
                                   true);
    for (const Goal& g : goals) {
        const OJson& proof = plan.at("goals").value(g.name, OJson::object());
        out +=
            repRow({textCell(QString::fromStdString(g.name)),
                    QStringLiteral("#") + repEsc(targetText(g)), meanCell(proof),
                    proof.value("met", false) ? QStringLiteral("<span class=\"ok\">yes</span>")
                                              : QStringLiteral("<span class=\"miss\">no</span>")});
    }
    return out + QStringLiteral("</table>\n");
}

QString searchSection(const OJson& plan, const std::vector<Goal>& goals)
{
    const OJson& search = plan.value("search", OJson::object());
    const OJson& vary = plan.value("vary", OJson::array());
    const OJson& walk = search.value("simulated", OJson::array());
    const OJson& probes = search.value("probes", OJson::array());
    const QLocale english(QLocale::English);
    QString out = QStringLiteral("<h2>The search</h2>\n<ul>\n");
    const auto item = [&](const QString& text) {
        out += QStringLiteral("<li>%1</li>\n").arg(text);
    };
    item(QStringLiteral("<b>%1</b> candidates: every combination of the knobs' values")
             .arg(english.toString(search.value("candidates", 0ULL))));
    item(QStringLiteral("<b>%1</b> kept by the queueing estimates (no node saturated, no goal "
                        "missed by more than 10%)")
             .arg(english.toString(search.value("analytic_feasible", 0ULL))));
    item(QStringLiteral("<b>%1</b> simulated, cheapest first, %2 each")
             .arg(walk.size())
             .arg(countOf(plan.value("verified", OJson::object()).value("replications", 0),
                          QStringLiteral("replication"), QStringLiteral("replications"))));
    item(QStringLiteral("<b>%1</b> probes").arg(probes.size()));
    item(QStringLiteral("<b>%1</b> passed over: no more of any knob than a design that clearly "
                        "missed")
             .arg(english.toString(search.value("skipped", 0ULL))));
    out += QStringLiteral("</ul>\n");
    if (!probes.empty()) {
        out += QStringLiteral("<h3>Probes</h3>\n<p class=\"note\">The cheapest candidate clearly "
                              "missed: each knob lowered alone, every other at its largest "
                              "value, to find how low it may go. In the order simulated.</p>\n");
        out += stepsTable(probes, vary, goals, true);
        const OJson& floors = search.value("floors", OJson::object());
        out += floors.empty()
                   ? QStringLiteral("<p><b>No floors:</b> the top of the box clearly misses, so "
                                    "nothing in these ranges can meet the goals.</p>\n")
                   : QStringLiteral("<p><b>Floors: %1</b> (less of any clearly misses a "
                                    "goal).</p>\n")
                         .arg(repEsc(floorsText(search)));
    }
    out += QStringLiteral("<h3>The walk, cheapest first</h3>\n");
    if (walk.empty())
        return out + QStringLiteral("<p>No candidate was simulated.</p>\n");
    out += QStringLiteral("<p class=\"note\">Each goal as mean ± half-width of its 95% "
                          "confidence interval over the replications. <i>Proven</i>: every "
                          "goal met at the interval's worse end; <i>clearly misses</i>: missed "
                          "even at its better end.</p>\n");
    return out + stepsTable(walk, vary, goals, false);
}

QString chartsSection(const OJson& plan, const std::vector<Goal>& goals,
                      std::map<QString, QImage>* images)
{
    const OJson& walk = plan.value("search", OJson::object()).value("simulated", OJson::array());
    if (walk.empty() || goals.empty())
        return {};
    const OJson& vary = plan.value("vary", OJson::array());
    // One numeric knob: the walk along its values; several: along the walk's order.
    bool byKnob = vary.size() == 1;
    for (const auto& step : walk)
        byKnob = byKnob && step.at("values").begin()->is_number();
    std::vector<double> xs;
    for (std::size_t i = 0; i < walk.size(); ++i)
        xs.push_back(byKnob ? walk[i].at("values").begin()->get<double>()
                            : static_cast<double>(i + 1));
    const double lo = *std::min_element(xs.begin(), xs.end());
    const double hi = *std::max_element(xs.begin(), xs.end());
    const double pad = std::max(1.0, (hi - lo) * 0.05);
    QString out = QStringLiteral("<h2>Each goal across the walk</h2>\n<p class=\"note\">Each "
                                 "candidate simulated: its mean, and its 95% interval as a bar; "
                                 "the dashed line is the target.</p>\n");
    int index = 0;
    for (const Goal& g : goals) {
        LineChartSpec spec;
        // The goal is named above the chart: a long name beside the legend overprints it.
        spec.fitY = !g.upper; // 0.99 against 0.995 is lost on an axis from 0
        spec.xLabel = byKnob ? QString::fromStdString(vary[0].at("node").get<std::string>() + "." +
                                                      vary[0].at("param").get<std::string>())
                             : QStringLiteral("candidate in the walk (cheapest first)");
        spec.yLabel = g.unit.isEmpty()
                          ? QString::fromStdString(g.name)
                          : QStringLiteral("%1 (%2)").arg(QString::fromStdString(g.name), g.unit);
        // The two ends first, so the target's line runs across the whole plot.
        spec.x = {lo - pad, hi + pad};
        spec.x.insert(spec.x.end(), xs.begin(), xs.end());
        struct Kind {
            QString name;
            QColor color;
        };
        const std::vector<Kind> kinds{{QStringLiteral("met"), QColor(0x04, 0x78, 0x57)},
                                      {QStringLiteral("clearly missed"), QColor(0xb9, 0x1c, 0x1c)},
                                      {QStringLiteral("not proven"), QColor(0xd9, 0x77, 0x06)}};
        std::vector<ChartSeries> series(kinds.size());
        for (std::size_t k = 0; k < kinds.size(); ++k) {
            series[k].name = kinds[k].name;
            series[k].color = kinds[k].color;
            series[k].errorBars = true;
            series[k].values.assign(spec.x.size(), kRepNaN);
            series[k].low.assign(spec.x.size(), kRepNaN);
            series[k].high.assign(spec.x.size(), kRepNaN);
        }
        // A candidate far above an upper target (a near-saturated queue: 168 ms against
        // 14) would squash the rest to the floor: the axis stops at 4 x the target, longer
        // bars are cut there and means beyond it are left to the table.
        const double cap = g.upper && std::isfinite(g.target) && g.target > 0
                               ? kCapTimesTarget * g.target
                               : std::numeric_limits<double>::infinity();
        int missing = 0, above = 0;
        for (std::size_t i = 0; i < walk.size(); ++i) {
            const OJson& step = walk[i];
            const OJson figure = step.value("goals", OJson::object()).value(g.name, OJson());
            if (!figure.is_object() || !figure.value("mean", OJson()).is_number()) {
                ++missing; // no number to draw, and 0 would read as a perfect latency
                continue;
            }
            // Coloured by this goal's own verdict: a candidate that clearly misses the p99
            // may meet its availability.
            const auto listed = [&](const char* key) {
                const OJson& names = step.at(key);
                return std::find(names.begin(), names.end(), g.name) != names.end();
            };
            const std::size_t k = !listed("not_proven") ? 0 : listed("clearly_missed") ? 1 : 2;
            const double mean = figure["mean"].get<double>();
            if (mean > cap) {
                ++above;
                continue;
            }
            const OJson ci = figure.value("ci95", OJson());
            series[k].values[i + 2] = mean;
            if (ci.is_number()) {
                series[k].low[i + 2] = mean - ci.get<double>();
                series[k].high[i + 2] = std::min(cap, mean + ci.get<double>());
            }
        }
        for (ChartSeries& s : series)
            if (std::any_of(s.values.begin(), s.values.end(),
                            [](double v) { return std::isfinite(v); }))
                spec.series.push_back(std::move(s));
        const QString name = repEsc(QString::fromStdString(g.name));
        if (spec.series.empty()) {
            out += QStringLiteral("<p class=\"note\"><b>%1:</b> no candidate of the walk has a "
                                  "mean to draw (%2).</p>\n")
                       .arg(name, above > 0
                                      ? QStringLiteral("above %1 × the target").arg(kCapTimesTarget)
                                      : kBeyond);
            continue;
        }
        if (std::isfinite(g.target)) {
            ChartSeries target;
            target.name = QStringLiteral("target %1").arg(targetText(g));
            target.color = QColor(0x4b, 0x55, 0x63);
            target.dashed = true;
            // The two ends only: one dashed line (over every x it retraces itself, solid).
            target.values.assign(spec.x.size(), kRepNaN);
            target.values[0] = target.values[1] = g.target;
            spec.series.push_back(std::move(target));
        }
        out += QStringLiteral("<h3>%1 %2</h3>\n").arg(name, repEsc(targetText(g)));
        out += chartFigure(QStringLiteral("plan-chart-%1").arg(index++), lineChartSvg(spec),
                           spec.width, spec.height, images);
        QStringList notDrawn;
        if (missing > 0)
            notDrawn << QStringLiteral("%1 whose %2 has %3")
                            .arg(countOf(missing, QStringLiteral("candidate"),
                                         QStringLiteral("candidates")),
                                 name, kBeyond);
        if (above > 0)
            notDrawn << QStringLiteral("%1 above the chart (more than %2 × the target)")
                            .arg(countOf(above, QStringLiteral("candidate"),
                                         QStringLiteral("candidates")))
                            .arg(kCapTimesTarget);
        if (!notDrawn.isEmpty())
            out += QStringLiteral("<p class=\"note\">Not drawn, see the table: %1.</p>\n")
                       .arg(notDrawn.join(QStringLiteral("; ")));
    }
    return out;
}

} // namespace plan_report_detail

QString planReportHtml(const nlohmann::ordered_json& plan, std::map<QString, QImage>* images,
                       const std::map<std::string, double>& targets)
{
    using namespace plan_report_detail;
    const std::vector<Goal> goals = goalsOf(plan, targets);
    const QString file =
        QFileInfo(QString::fromStdString(plan.value("file", std::string()))).fileName();
    const QString title = file.isEmpty() ? QStringLiteral("Capacity plan")
                                         : QStringLiteral("Capacity plan: %1").arg(file);
    QString body = QStringLiteral("<h1>%1</h1>\n").arg(repEsc(title));
    body += QStringLiteral("<p class=\"meta\">%1 &#183; %2 per candidate &#183; %3</p>\n")
                .arg(countOf(static_cast<long long>(
                                 plan.value("search", OJson::object()).value("candidates", 0ULL)),
                             QStringLiteral("candidate"), QStringLiteral("candidates")),
                     countOf(plan.value("verified", OJson::object()).value("replications", 0),
                             QStringLiteral("replication"), QStringLiteral("replications")),
                     repEsc(QString::fromStdString(plan.value("format", std::string()))));
    body += questionSection(plan, goals);
    body += answerSection(plan, goals);
    body += searchSection(plan, goals);
    body += chartsSection(plan, goals, images);
    const QString css = QStringLiteral(
        "body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10pt; color: #222222; }\n"
        "h1 { font-size: 20pt; color: #1b3a57; } h2 { font-size: 14pt; color: #1b3a57; }\n"
        "h3 { font-size: 11pt; color: #1b3a57; }\n"
        "p.meta, p.note { color: #555555; }\n"
        "p.verdict { font-size: 12pt; }\n"
        ".ok { color: #047857; } .miss { color: #b91c1c; } .maybe { color: #b45309; }\n"
        "table.grid { border-collapse: collapse; margin: 4px 0 10px 0; }\n"
        "table.grid th { background-color: #eef2f6; text-align: left; padding: 4px 6px; "
        "border: 1px solid #c8d3de; }\n"
        "table.grid td { padding: 3px 6px; border: 1px solid #c8d3de; }\n"
        "table.grid td.n, table.grid th.n { text-align: right; white-space: nowrap; }\n"
        "table.grid td.w, table.grid th.w { text-align: right; }\n"
        "svg { max-width: 100%; height: auto; }\n");
    return QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
                          "<title>%1</title>\n<style>\n%2</style>\n</head>\n<body>\n")
               .arg(repEsc(title + QStringLiteral(" - ScaleLab")), css) +
           body + QStringLiteral("</body>\n</html>\n");
}

bool writePlanReport(const nlohmann::ordered_json& plan, const QString& outPath, QString* error,
                     const std::map<std::string, double>& targets)
{
    // A document that is not a whole plan (a key missing, of the wrong type) is an error
    // to report, not a crash.
    try {
        const QString suffix = QFileInfo(outPath).suffix().toLower();
        if (suffix == QLatin1String("html") || suffix == QLatin1String("htm"))
            return writeFileAtomically(outPath, planReportHtml(plan, nullptr, targets).toUtf8(),
                                       error);
        if (suffix == QLatin1String("pdf")) {
            std::map<QString, QImage> images;
            const QString file =
                QFileInfo(QString::fromStdString(plan.value("file", std::string()))).fileName();
            return writeHtmlAsPdf(planReportHtml(plan, &images, targets), images,
                                  file.isEmpty() ? QStringLiteral("Capacity plan")
                                                 : QStringLiteral("Capacity plan: %1").arg(file),
                                  outPath, error);
        }
        if (error)
            *error = QStringLiteral("unknown report type '.%1': use .html or .pdf").arg(suffix);
        return false;
    } catch (const nlohmann::json::exception& e) {
        if (error)
            *error = QStringLiteral("not a complete scalelab-plan/1 document: %1")
                         .arg(QString::fromUtf8(e.what()));
        return false;
    }
}

} // namespace scalelab::gui
