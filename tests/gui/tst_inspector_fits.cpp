// The inspector fits its dock at the default width: no horizontal scroll bar and no field
// cut at the right, whatever the selection (a load balancer's and a web server's forms
// once needed one).

#include <QScrollArea>
#include <QScrollBar>

#include "GuiTestSupport.h"
#include "gui/docks/InspectorDock.h"

using namespace scalelab;

class TestInspectorFits : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { testsupport::isolateSettings(); }

    void everyFormFitsTheDefaultWidth()
    {
        auto w = testsupport::openSampleWindow();
        auto* scroll = w->inspectorDock()->findChild<QScrollArea*>();
        QVERIFY(scroll);
        const std::vector<std::vector<core::NodeId>> selections = {{core::NodeId{"lb"}},
                                                                   {core::NodeId{"web1"}},
                                                                   {core::NodeId{"db"}},
                                                                   {core::NodeId{"users"}},
                                                                   {}};
        for (const auto& selection : selections) {
            w->scene()->selectNodes(selection);
            QApplication::processEvents();
            QWidget* page = scroll->widget();
            const QString what = selection.empty() ? QStringLiteral("diagram")
                                                   : QString::fromStdString(selection[0].str());
            QVERIFY2(page->minimumSizeHint().width() <= scroll->viewport()->width(),
                     qPrintable(QStringLiteral("%1: %2 > %3")
                                    .arg(what)
                                    .arg(page->minimumSizeHint().width())
                                    .arg(scroll->viewport()->width())));
            QVERIFY2(!scroll->horizontalScrollBar()->isVisible(), qPrintable(what));
        }
    }
};

QTEST_MAIN(TestInspectorFits)
#include "tst_inspector_fits.moc"
