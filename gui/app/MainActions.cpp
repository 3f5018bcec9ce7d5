#include "gui/app/MainActions.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QToolBar>
#include <QUndoStack>

#include "gui/app/ActionIcons.h"
#include "gui/app/GettingStartedDialog.h"
#include "gui/app/MainWindow.h"
#include "gui/app/ReportExport.h"
#include "gui/app/ShortcutList.h"
#include "gui/app/ShortcutsDialog.h"
#include "gui/canvas/CanvasScene.h"
#include "gui/canvas/CanvasView.h"
#include "gui/canvas/EditOperations.h"
#include "gui/document/Document.h"
#include "gui/document/FileController.h"
#include "gui/live/LiveView.h"
#include "gui/record/RecordVideoController.h"
#include "gui/report/DiagramImage.h"
#include "gui/util/SaveFileName.h"

namespace scalelab::gui {

MainActions::MainActions(MainWindow* window) : QObject(window), m_window(window) {}

void MainActions::populate(QMenuBar* bar, QToolBar* tools)
{
    MainWindow* w = m_window;
    FileController* files = w->fileController();
    EditOperations* edit = w->editOperations();
    CanvasView* view = w->view();
    QUndoStack* stack = w->document()->undoStack();

    // --- File ---------------------------------------------------------------------
    QMenu* file = bar->addMenu(tr("&File"));
    QAction* newAction =
        file->addAction(tr("&New"), QKeySequence::New, files, [files] { files->newDocument(); });
    QAction* openAction = file->addAction(tr("&Open…"), QKeySequence::Open, files,
                                          [files] { files->openWithDialog(); });
    m_examples = file->addMenu(tr("Open &Example"));
    connect(m_examples, &QMenu::aboutToShow, this, &MainActions::rebuildExamplesMenu);
    m_recent = file->addMenu(tr("Open &Recent"));
    connect(files, &FileController::recentFilesChanged, this, &MainActions::rebuildRecentMenu);
    rebuildRecentMenu();
    rebuildExamplesMenu();
    file->addSeparator();
    QAction* saveAction =
        file->addAction(tr("&Save"), QKeySequence::Save, files, [files] { files->save(); });
    QAction* saveAs =
        file->addAction(tr("Save &As…"), QKeySequence::SaveAs, files, [files] { files->saveAs(); });
    // QKeySequence::SaveAs is empty without a desktop theme (Xvfb, bare X11): say it.
    saveAs->setShortcuts({QKeySequence(tr("Ctrl+Shift+S"))});
    exportImage = file->addAction(tr("&Export Image…"), QKeySequence(tr("Ctrl+E")), this,
                                  [this] { exportImageWithDialog(); });
    exportReport = file->addAction(tr("Export &Report…"), QKeySequence(tr("Ctrl+Shift+E")), this,
                                   [this] { exportReportWithDialog(); });
    recordVideo = new record::RecordVideoController(
        w, w->document(), w->interaction() == MainWindow::Interaction::Dialogs);
    file->addAction(recordVideo->action());
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, w, &QWidget::close);

    // --- Edit ---------------------------------------------------------------------
    QMenu* editMenu = bar->addMenu(tr("&Edit"));
    undo = stack->createUndoAction(this, tr("&Undo"));
    undo->setShortcuts(QKeySequence::Undo);
    redo = stack->createRedoAction(this, tr("&Redo"));
    // Ctrl+Y as on Windows and in draw.io, Ctrl+Shift+Z as on macOS and in Figma: both.
    QList<QKeySequence> redoKeys = QKeySequence::keyBindings(QKeySequence::Redo);
    for (const QKeySequence& k : {QKeySequence(tr("Ctrl+Y")), QKeySequence(tr("Ctrl+Shift+Z"))})
        if (!redoKeys.contains(k))
            redoKeys << k;
    redo->setShortcuts(redoKeys);
    undo->setProperty(kListedName, tr("Undo"));
    redo->setProperty(kListedName, tr("Redo"));
    undo->setIcon(actionIcon(QStringLiteral("undo")));
    redo->setIcon(actionIcon(QStringLiteral("redo")));
    // The menu says what will be undone; the toolbar button keeps its place and says it
    // in its tooltip.
    const auto tipUndo = [this, stack] {
        undo->setToolTip(withShortcut(
            stack->canUndo() ? tr("Undo %1").arg(stack->undoText()) : tr("Undo"), undo));
        redo->setToolTip(withShortcut(
            stack->canRedo() ? tr("Redo %1").arg(stack->redoText()) : tr("Redo"), redo));
    };
    connect(stack, &QUndoStack::indexChanged, this, tipUndo);
    connect(stack, &QUndoStack::cleanChanged, this, tipUndo);
    tipUndo();
    editMenu->addAction(undo);
    editMenu->addAction(redo);
    editMenu->addSeparator();
    cut = editMenu->addAction(tr("Cu&t"), QKeySequence::Cut, this, [edit] { edit->cut(); });
    copy = editMenu->addAction(tr("&Copy"), QKeySequence::Copy, this, [edit] { edit->copy(); });
    paste = editMenu->addAction(tr("&Paste"), QKeySequence::Paste, this, [edit] { edit->paste(); });
    duplicate = editMenu->addAction(tr("&Duplicate"), QKeySequence(tr("Ctrl+D")), this,
                                    [edit] { edit->duplicate(); });
    duplicate->setStatusTip(tr("Copy the selected nodes with their links (horizontal scaling)"));
    remove = editMenu->addAction(tr("De&lete"), QKeySequence::Delete, this,
                                 [edit] { edit->deleteSelection(); });
    remove->setShortcuts({QKeySequence::Delete, QKeySequence(Qt::Key_Backspace)});
    rename = editMenu->addAction(tr("Re&name"), QKeySequence(Qt::Key_F2), view,
                                 &CanvasView::renameSelected);
    rename->setStatusTip(
        tr("Edit the selected node's name where it is drawn (or double-click it)"));
    m_selectAll = editMenu->addAction(tr("Select &All"), QKeySequence::SelectAll, this,
                                      [edit] { edit->selectAll(); });
    editMenu->addSeparator();
    QMenu* align = editMenu->addMenu(tr("Ali&gn"));
    m_align = align;
    const std::pair<QString, Alignment> aligns[] = {{tr("Left Edges"), Alignment::Left},
                                                    {tr("Horizontal Centres"), Alignment::HCenter},
                                                    {tr("Right Edges"), Alignment::Right},
                                                    {tr("Top Edges"), Alignment::Top},
                                                    {tr("Vertical Centres"), Alignment::VCenter},
                                                    {tr("Bottom Edges"), Alignment::Bottom}};
    for (const auto& [label, how] : aligns) {
        const Alignment a = how;
        align->addAction(label, this, [edit, a] { edit->align(a); });
    }
    QMenu* distribute = editMenu->addMenu(tr("D&istribute"));
    m_distribute = distribute;
    distribute->addAction(tr("Horizontally"), this, [edit] { edit->distribute(Qt::Horizontal); });
    distribute->addAction(tr("Vertically"), this, [edit] { edit->distribute(Qt::Vertical); });

    // --- View ---------------------------------------------------------------------
    QMenu* viewMenu = bar->addMenu(tr("&View"));
    QAction* zoomIn =
        viewMenu->addAction(tr("Zoom &In"), QKeySequence::ZoomIn, view, &CanvasView::zoomIn);
    zoomIn->setShortcuts({QKeySequence::ZoomIn, QKeySequence(tr("Ctrl+="))});
    viewMenu->addAction(tr("Zoom &Out"), QKeySequence::ZoomOut, view, &CanvasView::zoomOut);
    viewMenu->addAction(tr("&Actual Size"), QKeySequence(tr("Ctrl+0")), view,
                        &CanvasView::resetZoom);
    QAction* fit = viewMenu->addAction(tr("&Fit Diagram"), QKeySequence(tr("Ctrl+1")), view,
                                       &CanvasView::fitDiagram);
    viewMenu->addSeparator();
    snap = viewMenu->addAction(tr("&Snap to Grid"));
    snap->setCheckable(true);
    snap->setChecked(true);
    connect(snap, &QAction::toggled, w->scene(), &CanvasScene::setSnapping);
    viewMenu->addSeparator();
    for (QDockWidget* dock : w->findChildren<QDockWidget*>())
        viewMenu->addAction(dock->toggleViewAction());
    viewMenu->addSeparator();
    viewMenu->addAction(tr("Reset &Layout"), w, &MainWindow::resetLayout);

    // --- Help ---------------------------------------------------------------------
    QMenu* help = bar->addMenu(tr("&Help"));
    gettingStarted = help->addAction(tr("&Getting Started"), QKeySequence::HelpContents, this,
                                     [this] { showGettingStarted(); });
    // F1 where the platform has no Help key binding (bare X11, offscreen).
    if (gettingStarted->shortcut().isEmpty())
        gettingStarted->setShortcut(QKeySequence(Qt::Key_F1));
    gettingStarted->setStatusTip(tr("A tour through the examples: what each teaches, what to "
                                    "watch and what to try"));
    shortcuts = help->addAction(tr("&Keyboard Shortcuts"), QKeySequence(tr("Ctrl+/")), this,
                                [this] { showShortcuts(); });
    help->addSeparator();
    help->addAction(tr("&About ScaleLab"), w, &MainWindow::showAbout);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);

    // --- Toolbar: the few things used all the time ----------------------------------
    // Icons only, so no button moves when a label changes; the tooltip names the action
    // and its shortcut.
    const std::pair<QAction*, const char*> icons[] = {
        {newAction, "new"},       {openAction, "open"}, {saveAction, "save"},
        {duplicate, "duplicate"}, {remove, "delete"},   {fit, "fit"}};
    for (const auto& [action, icon] : icons) {
        action->setIcon(actionIcon(QString::fromLatin1(icon)));
        action->setToolTip(withShortcut(
            action->text().remove(QLatin1Char('&')).remove(QStringLiteral("…")), action));
    }
    tools->setToolButtonStyle(Qt::ToolButtonIconOnly);
    tools->addAction(newAction);
    tools->addAction(openAction);
    tools->addAction(saveAction);
    tools->addSeparator();
    tools->addAction(undo);
    tools->addAction(redo);
    tools->addSeparator();
    tools->addAction(duplicate);
    tools->addAction(remove);
    tools->addSeparator();
    tools->addAction(fit);

    // Edit actions belong to the canvas: a shortcut typed in the inspector edits text.
    for (QAction* a : {cut, copy, paste, duplicate, remove, rename})
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    for (QAction* a : {cut, copy, paste, duplicate, remove, rename})
        view->addAction(a);
    m_fit = fit;
    connect(w->scene(), &QGraphicsScene::selectionChanged, this,
            &MainActions::updateSelectionActions);
    connect(view, &CanvasView::contextMenuRequested, this, &MainActions::showContextMenu);
    updateSelectionActions();
}

QString MainActions::proposedExportPath(const QString& filters) const
{
    const Document* doc = m_window->document();
    const QString copied = m_window->fileController()->copiedFrom();
    const QString source = !doc->filePath().isEmpty() ? doc->filePath() : copied;
    QString stem = QString::fromStdString(doc->topology().name);
    if (!source.isEmpty())
        stem = QFileInfo(source).completeBaseName();
    // Beside the diagram's own file; an example's copy goes to the home folder.
    const QString folder = doc->filePath().isEmpty() ? QString() : QFileInfo(source).absolutePath();
    return proposedSavePath(folder, stem, filters);
}

GettingStartedDialog* MainActions::showGettingStarted()
{
    if (!m_tour) {
        m_tour = new GettingStartedDialog(FileController::examples(), m_window);
        m_tour->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_tour, &GettingStartedDialog::openRequested, this,
                [this](const QString& path, bool run) {
                    if (m_window->fileController()->open(path) && run)
                        m_window->liveView()->runAction()->trigger();
                });
    }
    m_tour->show();
    m_tour->raise();
    m_tour->activateWindow();
    return m_tour;
}

ShortcutsDialog* MainActions::showShortcuts()
{
    if (!m_shortcuts) {
        m_shortcuts = new ShortcutsDialog(m_window->menuBar(), m_window);
        m_shortcuts->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_shortcuts->refill();
    m_shortcuts->show();
    m_shortcuts->raise();
    m_shortcuts->activateWindow();
    return m_shortcuts;
}

void MainActions::exportImageWithDialog()
{
    MainWindow* w = m_window;
    const QString filters = tr("PNG image (*.png);;SVG drawing (*.svg)");
    const QString path =
        askSaveFileName(w, tr("Export diagram"), proposedExportPath(filters), filters);
    if (path.isEmpty())
        return;
    QString error;
    if (!exportDiagramImage(w->document()->topology(), path, &error))
        QMessageBox::warning(w, tr("Export failed"), error);
    else
        w->statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 5000);
}

void MainActions::exportReportWithDialog()
{
    MainWindow* w = m_window;
    const QString filters = tr("HTML report (*.html);;PDF report (*.pdf)");
    const QString path =
        askSaveFileName(w, tr("Export report"), proposedExportPath(filters), filters);
    if (path.isEmpty())
        return;
    QString error;
    if (!exportWindowReport(*w, path, &error))
        QMessageBox::warning(w, tr("Export failed"), error);
    else
        w->statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 5000);
}

void MainActions::updateSelectionActions()
{
    CanvasScene* scene = m_window->scene();
    const bool nodes = !scene->selectedNodeIds().empty();
    const bool any = nodes || !scene->selectedLinkKeys().empty();
    cut->setEnabled(nodes);
    copy->setEnabled(nodes);
    duplicate->setEnabled(nodes);
    remove->setEnabled(any);
    rename->setEnabled(scene->selectedNodeIds().size() == 1);
}

void MainActions::showContextMenu(const QPoint& globalPos)
{
    const std::size_t nodes = m_window->scene()->selectedNodeIds().size();
    QMenu menu(m_window);
    if (nodes > 0) {
        if (nodes == 1)
            menu.addAction(rename);
        menu.addAction(duplicate);
        menu.addAction(cut);
        menu.addAction(copy);
        menu.addAction(remove);
        if (nodes > 1) {
            menu.addSeparator();
            menu.addMenu(m_align);
            menu.addMenu(m_distribute);
        }
    } else if (!m_window->scene()->selectedLinkKeys().empty()) {
        menu.addAction(remove);
    } else {
        menu.addAction(paste);
        menu.addAction(m_selectAll);
        menu.addAction(m_fit);
    }
    menu.exec(globalPos);
}

void MainActions::rebuildRecentMenu()
{
    m_recent->clear();
    FileController* files = m_window->fileController();
    const QStringList recent = files->recentFiles();
    for (const QString& path : recent) {
        QAction* a = m_recent->addAction(QFileInfo(path).fileName(), files,
                                         [files, path] { files->open(path); });
        a->setToolTip(QDir::toNativeSeparators(path));
        a->setStatusTip(QDir::toNativeSeparators(path));
    }
    m_recent->setEnabled(!recent.isEmpty());
}

void MainActions::rebuildExamplesMenu()
{
    m_examples->clear();
    m_examples->setToolTipsVisible(true);
    FileController* files = m_window->fileController();
    const auto examples = FileController::examples();
    for (const ExampleFile& e : examples) {
        const QString path = e.path;
        QAction* a = m_examples->addAction(e.name, files, [files, path] { files->open(path); });
        a->setToolTip(e.description);
        a->setStatusTip(e.description);
    }
    if (examples.isEmpty())
        m_examples->addAction(tr("(no examples found)"))->setEnabled(false);
}

} // namespace scalelab::gui
