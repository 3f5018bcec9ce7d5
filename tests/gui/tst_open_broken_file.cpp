// Opening a broken file reports its errors and keeps the current document; the
// --screenshot mode prints them on stderr and exits 1 instead of opening a dialog.

#include <cmath>

#include <QFile>
#include <QProcess>
#include <QStatusBar>
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

    void aNodeOutOfReachIsBroughtBack()
    {
        // A node at (1e308, -1e308) crashed the window, and no view can show or drag it.
        // Opening moves it below the others as an undoable edit and says so; the view fits,
        // paints, and the node can be dragged like any other.
        auto w = testsupport::openSampleWindow();
        QVERIFY(w->openFile(QStringLiteral(SCALELAB_TEST_DATA "/broken/far-position.scalelab")));
        QApplication::processEvents();
        const QString said = w->statusBar()->currentMessage();
        QVERIFY2(said.contains(QLatin1String("1 node placed beyond")), qPrintable(said));
        const core::Point moved = w->document()->topology().findNode(core::NodeId{"users"})->pos;
        QCOMPARE(moved.x, 0.0);           // under the leftmost node (dns at 0, 0)
        QCOMPARE(moved.y, 100.0 + 160.0); // a step below the lowest (web and db at y 100)
        QVERIFY(w->document()->isModified());
        w->document()->revalidate();
        for (const auto& d : w->document()->diagnostics())
            QVERIFY2(d.path.find("/pos") == std::string::npos, d.message.c_str());
        w->view()->fitDiagram();
        QApplication::processEvents();
        QVERIFY(!w->grab().isNull());
        gui::NodeItem* item = w->scene()->nodeItem(core::NodeId{"users"});
        QVERIFY(item);
        const QPointF at = item->sceneBoundingRect().center();
        QVERIFY(w->view()->viewport()->rect().contains(w->view()->mapFromScene(at)));
        testsupport::drag(w->view(), at, at + QPointF(80, 0));
        QApplication::processEvents();
        QCOMPARE(w->document()->topology().findNode(core::NodeId{"users"})->pos.x, moved.x + 80);
        // Undo the drag, then the move: the file's position comes back, as it was.
        w->document()->undoStack()->undo();
        w->document()->undoStack()->undo();
        QCOMPARE(w->document()->topology().findNode(core::NodeId{"users"})->pos.x, 1e308);
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
