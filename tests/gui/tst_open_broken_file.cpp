// Opening a broken file reports its errors and keeps the current document; the
// --screenshot mode prints them on stderr and exits 1 instead of opening a dialog.

#include <cmath>

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QUndoStack>

#include "GuiTestSupport.h"
#include "gui/canvas/NodeItem.h"
#include "gui/docks/ProblemsDock.h"
#include "gui/document/FileController.h"

using namespace scalelab;

class TestOpenBrokenFile : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString write(const QString& name, const QByteArray& content)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(content);
        return path;
    }

private Q_SLOTS:
    void initTestCase() { testsupport::isolateSettings(); }

    void brokenFileKeepsCurrentDocument()
    {
        auto w = testsupport::openSampleWindow();
        const core::Topology before = w->document()->topology();
        const QString path = write(QStringLiteral("broken.scalelab"),
                                   R"({"format": "scalelab/1", "name": "x", "nodes": [
                                        {"id": "a", "kind": "web_server", "params": {"workers": "many"}},
                                        {"id": "b"}], "links": []})");
        QVERIFY(!w->openFile(path));
        QVERIFY(w->document()->topology() == before);
        QVERIFY(!w->document()->isModified());
        const QString error = w->fileController()->lastError();
        QVERIFY2(error.contains(QStringLiteral("/nodes/0/params/workers")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("/nodes/1")), qPrintable(error));
    }

    void semanticallyInvalidFileOpensWithProblemsListed()
    {
        // Readable but wrong (a value out of range, an unknown kind): the editor opens it
        // so the user can fix it, and lists every problem with its node.
        auto w = testsupport::openSampleWindow();
        const QString path = write(QStringLiteral("wrong.scalelab"),
                                   R"({"format": "scalelab/1", "name": "x", "nodes": [
                                        {"id": "a", "kind": "web_server", "params": {"workers": -2}},
                                        {"id": "b", "kind": "tomato"}], "links": []})");
        QVERIFY(w->openFile(path));
        w->document()->revalidate();
        QVERIFY(core::hasErrors(w->document()->diagnostics()));
        bool workers = false;
        for (const auto& d : w->document()->diagnostics())
            workers = workers || (d.path == "/nodes/0/params/workers" && d.nodeId == "a");
        QVERIFY(workers);
        QVERIFY(w->problemsDock()->tree()->topLevelItemCount() >= 2);
        QVERIFY(w->scene()->nodeItem(core::NodeId{"a"})->hasError());
        // Clicking the problem selects its node.
        QTreeWidgetItem* first = w->problemsDock()->tree()->topLevelItem(0);
        Q_EMIT w->problemsDock()->tree()->itemClicked(first, 0);
        QVERIFY(!w->scene()->selectedNodeIds().empty());
    }

    void aNodeAtAnAbsurdPositionOpensFitsAndMoves()
    {
        // A node at (1e308, -1e308) crashed the window. It opens with the position listed
        // as a problem, the view fits and paints, and the node can be dragged back.
        auto w = testsupport::openSampleWindow();
        QVERIFY(w->openFile(QStringLiteral(SCALELAB_TEST_DATA "/broken/far-position.scalelab")));
        QApplication::processEvents();
        w->document()->revalidate();
        bool listed = false;
        for (const auto& d : w->document()->diagnostics())
            listed = listed || (d.nodeId == "users" && d.path.find("/pos") != std::string::npos);
        QVERIFY(listed);
        w->view()->fitDiagram();
        QApplication::processEvents();
        QVERIFY(std::isfinite(w->view()->zoom()) && w->view()->zoom() > 0);
        QVERIFY(!w->grab().isNull());
        gui::NodeItem* far = w->scene()->nodeItem(core::NodeId{"users"});
        QVERIFY(far);
        const QPointF at = far->sceneBoundingRect().center();
        QVERIFY(std::isfinite(at.x()) && std::isfinite(at.y()));
        // Drag it by a tenth of the view: it moves, the edit is undoable, nothing breaks.
        const QPointF to = w->view()->mapToScene(w->view()->viewport()->rect().center());
        testsupport::drag(w->view(), at, to);
        QApplication::processEvents();
        const auto pos = w->document()->topology().findNode(core::NodeId{"users"})->pos;
        QVERIFY(std::isfinite(pos.x) && std::isfinite(pos.y));
        QVERIFY(!w->grab().isNull());
        w->document()->markSaved();
    }

    void syntaxErrorAndMissingFile()
    {
        auto w = testsupport::openSampleWindow();
        QVERIFY(!w->openFile(write(QStringLiteral("syntax.scalelab"), "{\"nodes\": [")));
        QVERIFY(w->fileController()->lastError().contains(QStringLiteral("line")));
        QVERIFY(!w->openFile(m_dir.filePath(QStringLiteral("missing.scalelab"))));
        QCOMPARE(w->document()->topology().nodes.size(), std::size_t(6));
    }

    void screenshotOfBrokenFileExitsOne()
    {
        const QString path = write(QStringLiteral("bad.scalelab"), "[1, 2]");
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(SCALELAB_BINARY),
                {path, QStringLiteral("--screenshot"), m_dir.filePath(QStringLiteral("x.png"))});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 1);
        QVERIFY(p.readAllStandardError().contains("must be a JSON object"));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("x.png"))));
    }

    void screenshotOfInvalidFileExitsOne()
    {
        const QString path = write(QStringLiteral("invalid.scalelab"),
                                   R"({"format": "scalelab/1", "name": "x", "nodes": [
                                        {"id": "a", "kind": "web_server", "params": {"workers": -2}}],
                                      "links": []})");
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(SCALELAB_BINARY),
                {path, QStringLiteral("--screenshot"), m_dir.filePath(QStringLiteral("y.png"))});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 1);
        QVERIFY(p.readAllStandardError().contains("/nodes/0/params/workers"));
    }

    void screenshotOfGoodFileWritesPng()
    {
        auto w = testsupport::openSampleWindow();
        const QString path = m_dir.filePath(QStringLiteral("good.scalelab"));
        QVERIFY(w->fileController()->saveTo(path));
        const QString png = m_dir.filePath(QStringLiteral("good.png"));
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(SCALELAB_BINARY), {path, QStringLiteral("--screenshot"), png});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        QImage image(png);
        QCOMPARE(image.size(), QSize(1280, 800));
    }
};

QTEST_MAIN(TestOpenBrokenFile)
#include "tst_open_broken_file.moc"
