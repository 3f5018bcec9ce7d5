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

#include "core/goals/ResultsWithGoals.h"
#include "core/sim/ResultsJson.h"
#include "core/sim/Simulation.h"
#include "gui/report/DiagramImage.h"
#include "gui/report/ReportWriter.h"

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

} // namespace

class TestReportFuzz : public QObject {
    Q_OBJECT
private Q_SLOTS:
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
