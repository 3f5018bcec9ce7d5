// An opened diagram is shown whole, fitted and centred, at 100 % at most (examples used
// to open at a fixed 80 % with half of the lesson off screen). Fitted further out than
// 80 %, the names grow so that they stay as large on screen as at 80 %.

#include "GuiTestSupport.h"
#include "gui/canvas/NodeItem.h"
#include "gui/document/FileController.h"
#include "gui/paint/NodeGlyph.h"

using namespace scalelab;

namespace {

// web servers in a row `width` wide, `height` tall.
core::Topology spread(double width, double height)
{
    core::Topology t;
    t.name = "Spread";
    t.nodes.push_back(testsupport::makeNode("a", "web_server", 0, 0));
    t.nodes.push_back(testsupport::makeNode("b", "web_server", width, height));
    return t;
}

QPointF viewCentre(gui::CanvasView* v)
{
    return v->mapToScene(v->viewport()->rect().center());
}

QRectF visibleScene(gui::CanvasView* v)
{
    return v->mapToScene(v->viewport()->rect()).boundingRect();
}

// The size a node's name is drawn at on screen, in points.
double nameHeightOnScreen(gui::MainWindow& w)
{
    const gui::NodeItem* item = w.scene()->nodeItem(w.document()->topology().nodes.front().id);
    return gui::NodeGlyph::labelFont(item->labelScale()).pointSizeF() * w.view()->zoom();
}

} // namespace

class TestOpenZoom : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { testsupport::isolateSettings(); }

    void aSmallDiagramOpensAtActualSizeCentred()
    {
        gui::MainWindow w(gui::MainWindow::Interaction::NoDialogs);
        w.resize(1280, 800);
        w.show();
        w.document()->reset(spread(200, 100));
        QApplication::processEvents();
        QCOMPARE(w.view()->zoom(), 1.0);
        const QPointF off = viewCentre(w.view()) - w.scene()->diagramBounds().center();
        QVERIFY2(std::abs(off.x()) < 2 && std::abs(off.y()) < 2,
                 qPrintable(QStringLiteral("%1,%2").arg(off.x()).arg(off.y())));
    }

    void aLargeDiagramOpensWholeWithReadableNames()
    {
        gui::MainWindow w(gui::MainWindow::Interaction::NoDialogs);
        w.resize(1280, 800);
        w.show();
        const double atReadable = [&] {
            w.document()->reset(spread(200, 100));
            QApplication::processEvents();
            w.view()->resetZoom();
            w.view()->scale(gui::CanvasView::kReadableZoom, gui::CanvasView::kReadableZoom);
            Q_EMIT w.view()->zoomChanged(w.view()->zoom());
            return nameHeightOnScreen(w);
        }();
        w.document()->reset(spread(1200, 700)); // fitted whole: about 50 %
        QApplication::processEvents();
        QVERIFY2(w.view()->zoom() < gui::CanvasView::kReadableZoom,
                 qPrintable(QString::number(w.view()->zoom())));
        QVERIFY(visibleScene(w.view()).contains(w.scene()->diagramBounds()));
        const QPointF off = viewCentre(w.view()) - w.scene()->diagramBounds().center();
        QVERIFY2(std::abs(off.x()) < 3 && std::abs(off.y()) < 3,
                 qPrintable(QStringLiteral("%1,%2").arg(off.x()).arg(off.y())));
        // The names are as tall on screen as at 80 %.
        QVERIFY2(nameHeightOnScreen(w) >= atReadable - 0.01,
                 qPrintable(QStringLiteral("%1 < %2").arg(nameHeightOnScreen(w)).arg(atReadable)));
        // Zoomed in again, they are their own size; a picture always draws them so.
        w.view()->resetZoom();
        QCOMPARE(w.scene()->labelScale(), 1.0);
        w.view()->fitDiagram();
        QVERIFY(w.scene()->labelScale() > 1.0);
        w.scene()->setPresentation(true);
        QCOMPARE(w.scene()->nodeItem(core::NodeId{"a"})->labelScale(), 1.0);
        w.scene()->setPresentation(false);
    }

    // Each example, opened from the Examples menu in the window a 1400x900 screen gives it
    // (maximized, under a title bar), with the default docks: the whole diagram is in
    // view, and its names are at least as tall on screen as at 80 %.
    void everyExampleOpensWholeOnA1400x900Screen()
    {
        const auto examples = gui::FileController::examples();
        QVERIFY(examples.size() >= 15);
        gui::MainWindow w(gui::MainWindow::Interaction::NoDialogs);
        w.resize(1400, 870);
        w.resetLayout();
        w.show();
        for (const gui::ExampleFile& example : examples) {
            QVERIFY(w.openFile(example.path));
            QApplication::processEvents();
            const QRectF bounds = w.scene()->diagramBounds();
            const QRectF visible = visibleScene(w.view());
            QVERIFY2(visible.contains(bounds),
                     qPrintable(QStringLiteral("%1: zoom %2, view %3x%4, diagram %5x%6")
                                    .arg(example.path)
                                    .arg(w.view()->zoom())
                                    .arg(visible.width())
                                    .arg(visible.height())
                                    .arg(bounds.width())
                                    .arg(bounds.height())));
            const double readable =
                gui::NodeGlyph::labelFont().pointSizeF() * gui::CanvasView::kReadableZoom;
            qInfo("%s: zoom %.2f", qPrintable(QFileInfo(example.path).fileName()),
                  w.view()->zoom());
            QVERIFY2(nameHeightOnScreen(w) >= readable - 0.01,
                     qPrintable(QStringLiteral("%1: zoom %2, names %3 pt")
                                    .arg(example.path)
                                    .arg(w.view()->zoom())
                                    .arg(nameHeightOnScreen(w))));
            w.document()->markSaved();
        }
    }

    void aMediumDiagramIsFittedWhole()
    {
        gui::MainWindow w(gui::MainWindow::Interaction::NoDialogs);
        w.resize(1280, 800);
        w.show();
        const QSize vp = w.view()->viewport()->size();
        // About 85 % of the view's width at 100 %: fitted between 80 % and 100 %.
        w.document()->reset(spread(vp.width() * 0.85, 50));
        QApplication::processEvents();
        QVERIFY2(w.view()->zoom() >= gui::CanvasView::kReadableZoom && w.view()->zoom() < 1.0,
                 qPrintable(QString::number(w.view()->zoom())));
        const QRectF visible = w.view()->mapToScene(w.view()->viewport()->rect()).boundingRect();
        QVERIFY(visible.contains(w.scene()->diagramBounds()));
    }
};

QTEST_MAIN(TestOpenZoom)
#include "tst_open_zoom.moc"
