// The live charts read at a glance: the time axis follows a window of recent time (the
// first minutes of a 600 s run used to be a sliver of an axis spanning the whole run),
// ticks fall on whole seconds and round numbers (an empty chart once read 6.666), and a
// short run shows whole.

#include <QChart>
#include <QChartView>
#include <QGraphicsTextItem>
#include <QValueAxis>

#include "GuiTestSupport.h"
#include "gui/live/LiveView.h"
#include "gui/live/MetricsDock.h"
#include "gui/live/SimulationController.h"

using namespace scalelab;

namespace {

std::vector<QValueAxis*> axes(gui::MainWindow& w, Qt::Orientation orientation)
{
    std::vector<QValueAxis*> out;
    for (QChartView* view : w.liveView()->metricsDock()->findChildren<QChartView*>())
        for (QAbstractAxis* a : view->chart()->axes(orientation))
            if (auto* v = qobject_cast<QValueAxis*>(a))
                out.push_back(v);
    return out;
}

// The numbers an axis writes under its ticks.
QStringList tickLabels(const QValueAxis* axis)
{
    QStringList out;
    if (axis->tickType() != QValueAxis::TicksDynamic)
        return {QStringLiteral("not dynamic")};
    const double step = axis->tickInterval();
    double v =
        std::ceil((axis->min() - axis->tickAnchor()) / step - 1e-9) * step + axis->tickAnchor();
    for (; v <= axis->max() + 1e-9; v += step)
        out << QString::asprintf("%g", v);
    return out;
}

void checkRoundTicks(gui::MainWindow& w, Qt::Orientation orientation)
{
    for (QValueAxis* axis : axes(w, orientation)) {
        if (axis->max() == 100 && axis->min() == 0 && axis->tickType() == QValueAxis::TicksFixed)
            continue; // utilization: 0, 25, ... 100
        const QStringList labels = tickLabels(axis);
        QVERIFY2(labels.size() >= 2 && labels.size() <= 6, qPrintable(labels.join(' ')));
        for (const QString& label : labels)
            QVERIFY2(label.size() <= 4 && !label.contains(QLatin1Char('e')),
                     qPrintable(axis->titleText() + QStringLiteral(": ") + labels.join(' ')));
    }
}

core::Topology lasting(double seconds)
{
    core::Topology t = testsupport::sampleTopology();
    t.simulation.durationS = seconds;
    t.simulation.warmupS = 0;
    return t;
}

} // namespace

class TestChartAxes : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { testsupport::isolateSettings(); }

    void anEmptyChartHasRoundTicks()
    {
        for (double duration : {20.0, 45.0, 120.0, 600.0}) {
            gui::MainWindow w(gui::MainWindow::Interaction::NoDialogs);
            w.show();
            w.document()->reset(lasting(duration));
            w.liveView()->controller()->reset();
            checkRoundTicks(w, Qt::Horizontal);
            checkRoundTicks(w, Qt::Vertical);
            for (QValueAxis* x : axes(w, Qt::Horizontal)) {
                QCOMPARE(x->min(), 0.0);
                QCOMPARE(x->max(), std::min(duration, gui::MetricsDock::kTimeWindowS));
            }
            w.document()->markSaved();
        }
    }

    void theTimeAxisFollowsRecentTime()
    {
        gui::MainWindow w(gui::MainWindow::Interaction::NoDialogs);
        w.show();
        w.document()->reset(lasting(600));
        QVERIFY(w.liveView()->controller()->advanceTo(300));
        w.liveView()->metricsDock()->refresh();
        for (QValueAxis* x : axes(w, Qt::Horizontal)) {
            QCOMPARE(x->max(), 300.0);
            QCOMPARE(x->min(), 300.0 - gui::MetricsDock::kTimeWindowS);
        }
        checkRoundTicks(w, Qt::Horizontal);
        checkRoundTicks(w, Qt::Vertical);
        // A short run shows whole from the start.
        QCOMPARE(gui::MetricsDock::timeWindow(60, 10), std::make_pair(0.0, 60.0));
        QCOMPARE(gui::MetricsDock::timeWindow(600, 10),
                 std::make_pair(0.0, gui::MetricsDock::kTimeWindowS));
        w.document()->markSaved();
    }

    void everyTimeLabelIsWhole()
    {
        // In the window's own layout the charts are narrow: five labels under a 75-pixel
        // plot got 15 pixels each, and Qt Charts cut "120" to "1…" (the last one first).
        // The ticks spread until every label fits, the last one included.
        for (const auto& [duration, now] :
             std::vector<std::pair<double, double>>{{90, 40}, {180, 60}, {180, 110}, {180, 170}}) {
            gui::MainWindow w(gui::MainWindow::Interaction::NoDialogs);
            w.resize(1280, 800);
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            w.document()->reset(lasting(duration));
            gui::MetricsDock* dock = w.liveView()->metricsDock();
            dock->show();
            dock->raise();
            QVERIFY(w.liveView()->controller()->advanceTo(now));
            dock->refresh();
            QTest::qWait(50); // the charts lay out, then fit their ticks (queued)
            int charts = 0;
            for (QChartView* view : dock->findChildren<QChartView*>()) {
                if (!view->isVisible())
                    continue;
                ++charts;
                auto* x = qobject_cast<QValueAxis*>(view->chart()->axes(Qt::Horizontal).front());
                const QString last = tickLabels(x).constLast();
                bool lastShown = false;
                for (QGraphicsItem* item : view->scene()->items()) {
                    const auto* text = dynamic_cast<QGraphicsTextItem*>(item);
                    if (!text || !text->isVisible())
                        continue;
                    QVERIFY2(!text->toPlainText().contains(QChar(0x2026)),
                             qPrintable(view->chart()->title() + QStringLiteral(": ") +
                                        text->toPlainText()));
                    if (text->toPlainText() == last) {
                        const QRect r =
                            view->mapFromScene(text->sceneBoundingRect()).boundingRect();
                        lastShown = view->viewport()->rect().contains(r);
                    }
                }
                QVERIFY2(lastShown, qPrintable(view->chart()->title() + QStringLiteral(": ") +
                                               tickLabels(x).join(' ')));
            }
            QVERIFY(charts >= 4);
            w.document()->markSaved();
        }
    }
};

QTEST_MAIN(TestChartAxes)
#include "tst_chart_axes.moc"
