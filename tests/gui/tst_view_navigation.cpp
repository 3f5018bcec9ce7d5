// Zoom with the wheel and shortcuts, fit the diagram, pan with the middle button or
// Space + drag; none of it edits the document.

#include <QUndoStack>
#include <QWheelEvent>

#include "GuiTestSupport.h"

using namespace scalelab;

namespace {
QPointF viewCentre(gui::CanvasView* v)
{
    return v->mapToScene(v->viewport()->rect().center());
}
} // namespace

class TestViewNavigation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { testsupport::isolateSettings(); }

    void wheelZoomsAroundPointer()
    {
        auto w = testsupport::openSampleWindow();
        gui::CanvasView* v = w->view();
        QCOMPARE(v->zoom(), 1.0);
        const QPoint at = v->mapFromScene(QPointF(400, 200));
        QWheelEvent wheel(QPointF(at), v->viewport()->mapToGlobal(QPointF(at)), QPoint(),
                          QPoint(0, 120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(v->viewport(), &wheel);
        QVERIFY(qFuzzyCompare(v->zoom(), 1.15));
        // The point under the pointer stays under it.
        const QPointF after = v->mapToScene(at);
        QVERIFY(std::abs(after.x() - 400) < 2 && std::abs(after.y() - 200) < 2);
    }

    void shortcutsZoomAndReset()
    {
        auto w = testsupport::openSampleWindow();
        gui::CanvasView* v = w->view();
        v->zoomIn();
        QVERIFY(v->zoom() > 1.2);
        v->zoomOut();
        v->zoomOut();
        QVERIFY(v->zoom() < 1.0);
        v->resetZoom();
        QVERIFY(qFuzzyCompare(v->zoom(), 1.0));
    }

    void fitShowsEveryNode()
    {
        auto w = testsupport::openSampleWindow();
        gui::CanvasView* v = w->view();
        v->zoomIn();
        v->zoomIn();
        v->centerOn(3000, 3000);
        v->fitDiagram();
        const QRectF visible = v->mapToScene(v->viewport()->rect()).boundingRect();
        for (const auto& n : w->document()->topology().nodes)
            QVERIFY(visible.contains(QPointF(n.pos.x, n.pos.y)));
        QVERIFY(v->zoom() <= 1.0);
    }

    void middleDragPans()
    {
        auto w = testsupport::openSampleWindow();
        gui::CanvasView* v = w->view();
        const QPointF before = viewCentre(v);
        QWidget* vp = v->viewport();
        const QPoint a = vp->rect().center();
        QTest::mousePress(vp, Qt::MiddleButton, Qt::NoModifier, a);
        QTest::mouseMove(vp, a + QPoint(50, 20));
        QTest::mouseMove(vp, a + QPoint(100, 40));
        QTest::mouseRelease(vp, Qt::MiddleButton, Qt::NoModifier, a + QPoint(100, 40));
        const QPointF after = viewCentre(v);
        QVERIFY2(std::abs((before.x() - after.x()) - 100) < 2,
                 qPrintable(QString::number(after.x())));
        QVERIFY(std::abs((before.y() - after.y()) - 40) < 2);
        QCOMPARE(w->document()->undoStack()->count(), 0);
    }

    void spaceDragPansInsteadOfMoving()
    {
        auto w = testsupport::openSampleWindow();
        gui::CanvasView* v = w->view();
        v->setFocus();
        const QPointF before = viewCentre(v);
        QTest::keyPress(v, Qt::Key_Space);
        testsupport::drag(v, QPointF(400, 200), QPointF(460, 200)); // starts on web1
        QTest::keyRelease(v, Qt::Key_Space);
        QCOMPARE(w->document()->node(core::NodeId{"web1"})->pos, (core::Point{400, 200}));
        QVERIFY(std::abs((before.x() - viewCentre(v).x()) - 60) < 2);
    }
};

QTEST_MAIN(TestViewNavigation)
#include "tst_view_navigation.moc"
