// Report writers against random strings (issue 20): designs whose name, description, ids and
// node names are drawn from markup, quotes, formula starters, control characters and
// non-characters, run and reported. Every HTML report and SVG diagram must parse as XML
// with no script element, no event-handler attribute and no javascript: URL, the name
// must come back as text, and the CSV must hold no cell a spreadsheet reads as a formula.
// A bounded number of rounds with a fixed seed: the same strings in every run.
#include <random>

#include <nlohmann/json.hpp>

#include <QApplication>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include "core/experiment/Sweep.h"
#include "core/goals/ResultsWithGoals.h"
#include "core/sim/ResultsJson.h"
#include "core/sim/Simulation.h"
#include "gui/report/DiagramImage.h"
#include "gui/report/ReportWriter.h"
#include "gui/report/SweepReport.h"

using namespace scalelab;

namespace {

constexpr int kRounds = 120;

class Strings {
public:
    explicit Strings(unsigned seed) : m_rng(seed) {}

    std::string make()
    {
        static const QStringList pieces = {"<",
                                           ">",
                                           "&",
                                           "\"",
                                           "'",
                                           "`",
                                           "=",
                                           "+",
                                           "-",
                                           "@",
                                           "/",
                                           "\\",
                                           ";",
                                           ",",
                                           " ",
                                           "<script>",
                                           "</script>",
                                           "</title>",
                                           "<svg onload=alert(1)>",
                                           "javascript:",
                                           "<!--",
                                           "-->",
                                           "]]>",
                                           "<![CDATA[",
                                           "<?xml",
                                           "&amp;",
                                           "&#x3c;",
                                           "%s",
                                           "{}",
                                           "\t",
                                           "\n",
                                           "\r",
                                           QString(QChar(0x01)),
                                           QString(QChar(0x1b)) + "[31m",
                                           QString(QChar(0x7f)),
                                           QString(QChar(0xfffe)),
                                           QString(QChar(0xffff)),
                                           QString(QChar(0xfdd0)),
                                           QString(QChar(0x202e)),
                                           QString::fromUtf8("\xf0\x9f\x92\xa5"),
                                           "é",
                                           "R&D",
                                           "x"};
        QString s;
        const int n = pick(12);
        for (int i = 0; i < n; ++i)
            s += pieces[pick(static_cast<int>(pieces.size()))];
        return s.toStdString();
    }

private:
    int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(m_rng); }
    std::mt19937 m_rng;
};

core::Node node(std::string id, const char* kind, std::string name, core::ParamMap params = {})
{
    core::Node n;
    n.id = core::NodeId(std::move(id));
    n.kind = core::KindId(kind);
    n.name = std::move(name);
    n.params = std::move(params);
    return n;
}

// Every problem of an XML text for a report: a parse error, a script, a handler, a URL.
QString xmlProblem(const QByteArray& text)
{
    QXmlStreamReader xml(text);
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name().compare(QLatin1String("script"), Qt::CaseInsensitive) == 0)
            return QStringLiteral("a script element");
        for (const QXmlStreamAttribute& a : xml.attributes()) {
            if (a.name().startsWith(QLatin1String("on"), Qt::CaseInsensitive))
                return QStringLiteral("an event handler attribute ") + a.name().toString();
            if (a.value().contains(QLatin1String("javascript:"), Qt::CaseInsensitive))
                return QStringLiteral("a javascript: URL");
        }
    }
    return xml.hasError() ? xml.errorString() : QString();
}

// A cell a spreadsheet would evaluate: starts with =, +, @, or - not followed by a digit.
bool isFormula(const QString& cell)
{
    if (cell.isEmpty())
        return false;
    const QChar c = cell.front();
    if (c == u'=' || c == u'+' || c == u'@' || c == u'\t' || c == u'\r')
        return true;
    return c == u'-' && (cell.size() < 2 || !cell.at(1).isDigit());
}

// RFC 4180 cells of a CSV text: quoted cells may hold commas, quotes and line breaks.
QStringList csvCells(const QString& text)
{
    QStringList cells;
    QString cell;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"')
                cell += c, ++i;
            else if (c == u'"')
                quoted = false;
            else
                cell += c;
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',' || c == u'\n') {
            cells << cell;
            cell.clear();
        } else {
            cell += c;
        }
    }
    cells << cell;
    return cells;
}

} // namespace

class TestReportFuzz : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sweepOutputsKeepTextAsText()
    {
        // A sweep whose node id, file name, text values and errors are random: its CSV
        // holds no formula cell and its HTML report parses with no script.
        Strings strings(21);
        for (int round = 0; round < kRounds; ++round) {
            core::Topology t;
            t.name = strings.make();
            const std::string web = strings.make() + "#w";
            t.nodes = {node(web, "web_server", strings.make())};
            core::experiment::SweepAxis axis{web, "site", {core::NodeId(web)}, {}};
            for (int v = 0; v < 3; ++v)
                axis.values.emplace_back(strings.make());
            const core::experiment::SweepDesign design(t, {axis});
            std::vector<nlohmann::ordered_json> points;
            for (std::size_t p = 0; p < design.points(); ++p)
                points.push_back(core::experiment::sweepPoint(
                    design, p, core::experiment::ReplicationStats{}, strings.make() + "!"));
            const auto document =
                core::experiment::sweepDocument(design, strings.make(), 1, std::move(points));
            const QString where = QStringLiteral("round %1").arg(round);
            const QString csv = QString::fromStdString(core::experiment::sweepCsv(document));
            for (const QString& cell : csvCells(csv))
                QVERIFY2(!isFormula(cell), qPrintable(where + ": sweep CSV cell " + cell));
            std::map<QString, QImage> images;
            const QString problem = xmlProblem(gui::sweepReportHtml(document, &images).toUtf8());
            QVERIFY2(problem.isEmpty(), qPrintable(where + ": sweep HTML: " + problem));
        }
    }

    void randomStringsNeverBecomeMarkup()
    {
        Strings strings(20);
        QTemporaryDir dir;
        for (int round = 0; round < kRounds; ++round) {
            core::Topology t;
            t.name = strings.make();
            t.description = strings.make();
            t.simulation = {2.0, 0.0, static_cast<std::uint64_t>(round)};
            // Ids must differ: a suffix keeps them apart whatever the random part is.
            const std::string users = strings.make() + "#u";
            const std::string web = strings.make() + "#w";
            const std::string db = strings.make() + "#d";
            t.nodes = {node(users, "client", strings.make(), {{"rate_rps", 50.0}}),
                       node(web, "web_server", strings.make()),
                       node(db, "database", strings.make())};
            for (std::size_t i = 0; i < t.nodes.size(); ++i)
                t.nodes[i].pos = {200.0 * static_cast<double>(i), 50.0};
            t.links = {
                core::Link{core::NodeId(users), core::NodeId(web), core::LinkKind::Request, {}},
                core::Link{core::NodeId(web), core::NodeId(db), core::LinkKind::Request, {}}};
            t.scenario = {{0.5, core::ActionType::Fail, core::NodeId(db), {}, {}, {}},
                          {1.0, core::ActionType::Recover, core::NodeId(db), {}, {}, {}}};
            const core::sim::RunResults results = core::sim::simulate(t);
            const nlohmann::json document = core::resultsWithGoals(results, t);

            const QString where =
                QStringLiteral("round %1, name %2")
                    .arg(round)
                    .arg(QString::fromStdString(t.name).toUtf8().toPercentEncoding());
            const QString html = dir.filePath(QStringLiteral("r%1.html").arg(round));
            QString error;
            QVERIFY2(gui::writeHtmlReport(t, document, html, &error), qPrintable(error));
            QFile file(html);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QString htmlProblem = xmlProblem(file.readAll());
            QVERIFY2(htmlProblem.isEmpty(), qPrintable(where + ": HTML: " + htmlProblem));

            const QString svgProblem = xmlProblem(gui::diagramSvg(t));
            QVERIFY2(svgProblem.isEmpty(), qPrintable(where + ": SVG: " + svgProblem));

            const QString csv = QString::fromStdString(core::sim::timeSeriesToCsv(results));
            for (const QString& line : csv.split(u'\n', Qt::SkipEmptyParts))
                for (const QString& cell : line.split(u','))
                    QVERIFY2(!isFormula(cell), qPrintable(where + ": CSV cell " + cell));
        }
    }
};

QTEST_MAIN(TestReportFuzz)
#include "tst_report_fuzz.moc"
