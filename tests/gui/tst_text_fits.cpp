// Text a newcomer reads is never cut (issue 18, item 18): the palette's descriptions are
// shown whole at any dock width, and the analysis table's notes wrap in their column
// instead of pushing the table into a sideways scroll.

#include <QHeaderView>
#include <QListWidget>
#include <QScrollBar>
#include <QTreeWidget>

#include "GuiTestSupport.h"
#include "gui/docks/AnalysisDock.h"
#include "gui/docks/AnalysisNodeTable.h"
#include "gui/docks/PaletteDock.h"
#include "gui/docks/PaletteItemDelegate.h"
#include "gui/docks/PaletteList.h"
#include "gui/docks/WrappedTextDelegate.h"

using namespace scalelab;

namespace {
constexpr int kNotes = 7; // AnalysisDock's notes column
} // namespace

class TestTextFits : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { testsupport::isolateSettings(); }

    void paletteDescriptionsAreWhole()
    {
        gui::MainWindow w(gui::MainWindow::Interaction::NoDialogs);
        w.resize(1400, 870);
        w.show();
        QListWidget* list = w.paletteDock()->list();
        for (const int width : {190, 250, 340}) {
            w.resizeDocks({w.paletteDock()}, {width}, Qt::Horizontal);
            QApplication::processEvents();
            QCOMPARE(list->horizontalScrollBar()->maximum(), 0);
            for (int i = 0; i < list->count(); ++i) {
                const QModelIndex index = list->model()->index(i, 0);
                const QRect row = list->visualRect(index);
                const QRectF help = gui::PaletteItemDelegate::helpRect(row, list->font());
                const QString text = index.data(gui::PaletteList::HelpRole).toString();
                const QRectF need =
                    QFontMetricsF(gui::PaletteItemDelegate::helpFont(list->font()))
                        .boundingRect(help, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, text);
                QVERIFY2(help.contains(need.adjusted(0.5, 0.5, -0.5, -0.5)),
                         qPrintable(QStringLiteral("%1 px: '%2' needs %3 px, has %4")
                                        .arg(list->viewport()->width())
                                        .arg(text)
                                        .arg(need.height())
                                        .arg(help.height())));
            }
        }
    }

    void analysisNotesWrapInsteadOfScrolling()
    {
        // Example 15: long notes (shards, pools, sessions, hit ratios).
        gui::MainWindow w(gui::MainWindow::Interaction::NoDialogs);
        w.resize(1800, 900);
        w.show();
        QVERIFY(w.openFile(QStringLiteral(SCALELAB_EXAMPLES "/15-millions-of-users-complete"
                                                            ".scalelab")));
        w.analysisDock()->show();
        w.analysisDock()->raise();
        QTreeWidget* table = w.analysisDock()->nodeTable();
        // Wide enough for the figures; the notes get what is left.
        w.resizeDocks({w.analysisDock()}, {700}, Qt::Horizontal);
        QApplication::processEvents();
        QApplication::processEvents();
        QHeaderView* header = table->header();
        int figures = 0;
        for (int c = 0; c < header->count(); ++c)
            if (c != kNotes && !header->isSectionHidden(c))
                figures += header->sectionSize(c);
        QVERIFY2(
            figures + 200 < table->viewport()->width(),
            qPrintable(QStringLiteral("%1 of %2").arg(figures).arg(table->viewport()->width())));
        QCOMPARE(table->horizontalScrollBar()->maximum(), 0);
        int wrapped = 0;
        for (int i = 0; i < table->topLevelItemCount(); ++i) {
            QTreeWidgetItem* item = table->topLevelItem(i);
            const QString notes = item->text(kNotes);
            if (notes.isEmpty())
                continue;
            const QRect cell = table->visualItemRect(item);
            const QRect text = gui::WrappedTextDelegate::textRect(
                QRect(header->sectionViewportPosition(kNotes), cell.top(),
                      header->sectionSize(kNotes), cell.height()));
            const QRect need = table->fontMetrics().boundingRect(
                text, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap, notes);
            // Wrapped to the column, the notes take no more than the row's height.
            QVERIFY2(need.height() <= cell.height() && need.width() <= text.width(),
                     qPrintable(QStringLiteral("'%1' needs %2x%3, has %4x%5")
                                    .arg(notes)
                                    .arg(need.width())
                                    .arg(need.height())
                                    .arg(text.width())
                                    .arg(cell.height())));
            if (need.height() > table->fontMetrics().height() + 2)
                ++wrapped;
        }
        QVERIFY2(wrapped > 0, "no note needed two lines: the test shows nothing");

        // A narrow panel (the default one): no sideways scrolling (the notes used to keep a
        // 200-pixel column the table scrolled to); the notes go on lines of their own under
        // each row's figures, as wide as the panel, and no row grows taller than its figures
        // and three lines of notes.
        w.resizeDocks({w.analysisDock()}, {300}, Qt::Horizontal);
        QApplication::processEvents();
        QApplication::processEvents();
        auto* nodes = static_cast<gui::AnalysisNodeTable*>(table);
        QVERIFY(nodes->notesBelow());
        QCOMPARE(table->horizontalScrollBar()->maximum(), 0);
        for (int i = 0; i < table->topLevelItemCount(); ++i) {
            QTreeWidgetItem* item = table->topLevelItem(i);
            const int below = nodes->notesHeight(table->indexFromItem(item));
            QVERIFY(item->text(kNotes).isEmpty() ? below == 0 : below > 0);
            QVERIFY(table->visualItemRect(item).height() <= 4 * table->fontMetrics().height() + 12);
        }
        w.document()->markSaved();
    }
};

QTEST_MAIN(TestTextFits)
#include "tst_text_fits.moc"
