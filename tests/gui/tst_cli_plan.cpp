// `scalelab plan` as a user calls it, on an M/M/c file whose least sufficient number of
// workers Erlang C gives (11 for 900 req/s of 10 ms requests and a 13 ms mean): the
// planned file is written with it, the JSON is scalelab-plan/1, and missing goals or knobs
// are reported with the right exit status.
#include <nlohmann/json.hpp>

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

class TestCliPlan : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void plansTheErlangCMinimum();
    void needsGoalsAndKnobs();
};

namespace {

const char* kMmc = R"({"format": "scalelab/1", "name": "M/M/c",
  "simulation": {"duration_s": 40, "warmup_s": 4, "seed": 11},
  "nodes": [
    {"id": "users", "kind": "client", "pos": [0, 0], "params": {"rate_rps": 900, "read_ratio": 1}},
    {"id": "web", "kind": "web_server", "pos": [200, 0], "params": {"workers": 4, "service_ms": 10}}],
  "links": [{"from": "users", "to": "web"}],
  "goals": {"mean_ms": 13}})";

int scalelab(const QStringList& args, QString* err = nullptr)
{
    QProcess p;
    p.start(QStringLiteral(SCALELAB_BINARY), args);
    if (!p.waitForFinished(300000)) {
        p.kill();
        return -1;
    }
    if (err)
        *err = QString::fromUtf8(p.readAllStandardError());
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
}

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& text)
{
    QFile f(dir.filePath(name));
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(text);
    return f.fileName();
}

nlohmann::json readJson(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return nlohmann::json::parse(f.readAll().toStdString(), nullptr, false);
}

} // namespace

void TestCliPlan::plansTheErlangCMinimum()
{
    QTemporaryDir dir;
    const QString file = writeFile(dir, QStringLiteral("mmc.scalelab"), kMmc);
    const QString planned = dir.filePath(QStringLiteral("planned.scalelab"));
    const QString json = dir.filePath(QStringLiteral("plan.json"));
    QCOMPARE(scalelab({QStringLiteral("plan"), file, QStringLiteral("--vary"),
                       QStringLiteral("web.workers=1:20"), QStringLiteral("--out"), planned,
                       QStringLiteral("--json"), json}),
             0);
    const nlohmann::json plan = readJson(json);
    QCOMPARE(plan.at("format").get<std::string>(), std::string("scalelab-plan/1"));
    QCOMPARE(plan.at("chosen").at("web.workers").get<int>(), 11);
    QVERIFY(plan.at("proven").get<bool>());
    QVERIFY(plan.at("goals").at("mean_ms").at("met").get<bool>());
    QCOMPARE(plan.at("verified").at("replications").get<int>(), 3);
    const nlohmann::json design = readJson(planned);
    QCOMPARE(design.at("nodes").at(1).at("params").at("workers").get<int>(), 11);
    QCOMPARE(design.at("simulation").at("duration_s").get<double>(), 40.0);
    // The planned file is a valid design.
    QCOMPARE(scalelab({QStringLiteral("validate"), planned}), 0);
}

void TestCliPlan::needsGoalsAndKnobs()
{
    QTemporaryDir dir;
    QByteArray noGoals(kMmc);
    noGoals.replace(",\n  \"goals\": {\"mean_ms\": 13}", "");
    QVERIFY(!noGoals.contains("goals"));
    const QString file = writeFile(dir, QStringLiteral("nogoals.scalelab"), noGoals);
    QString err;
    QCOMPARE(scalelab({QStringLiteral("plan"), file, QStringLiteral("--vary"),
                       QStringLiteral("web.workers=1:20")},
                      &err),
             1);
    QVERIFY2(err.contains(QLatin1String("no goals")), qPrintable(err));
    const QString withGoals = writeFile(dir, QStringLiteral("mmc.scalelab"), kMmc);
    QCOMPARE(scalelab({QStringLiteral("plan"), withGoals}, &err), 2);
    QVERIFY2(err.contains(QLatin1String("--vary")), qPrintable(err));
}

QTEST_MAIN(TestCliPlan)
#include "tst_cli_plan.moc"
