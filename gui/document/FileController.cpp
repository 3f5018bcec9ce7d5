#include "gui/document/FileController.h"

#include <cstdio>

#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QSettings>
#include <QUndoStack>
#include <QWidget>

#include "core/io/TopologyJson.h"
#include "gui/document/Autosave.h"
#include "gui/document/Document.h"
#include "gui/document/StrayNodes.h"
#include "gui/util/AtomicWrite.h"
#include "gui/util/SaveFileName.h"

namespace scalelab::gui {

namespace {
const char* const kRecentFilesKey = "recentFiles";
constexpr int kMaxRecentFiles = 8;

QString diagramFileFilter()
{
    return QCoreApplication::translate("Files", "ScaleLab diagrams (*.scalelab);;All files (*)");
}
} // namespace

FileController::FileController(Document* document, QWidget* window, bool interactive,
                               QObject* parent)
    : QObject(parent), m_document(document), m_window(window), m_interactive(interactive),
      m_autosave(new Autosave(document, this))
{
    connect(m_autosave, &Autosave::failed, this, [this](const QString& reason) {
        Q_EMIT statusMessage(
            tr("Autosave failed (%1): your unsaved changes are not protected; save them now.")
                .arg(reason));
    });
}

void FileController::showError(const QString& title, const QString& text)
{
    m_lastError = text;
    if (m_interactive) {
        QMessageBox box(QMessageBox::Warning, title, title, QMessageBox::Ok, m_window);
        box.setInformativeText(text.section(QLatin1Char('\n'), 0, 9));
        box.setDetailedText(text.count(QLatin1Char('\n')) > 10 ? text : QString());
        box.exec();
    } else {
        std::fprintf(stderr, "scalelab: %s\n%s\n", qPrintable(title), qPrintable(text));
    }
}

bool FileController::maybeSave()
{
    if (!m_document->isModified() || !m_interactive)
        return true;
    // An untitled copy of an example is saved under a new name (Save As), never onto the
    // example: the prompt says so.
    const QString text =
        m_copiedFrom.isEmpty()
            ? tr("Save the changes to %1 before closing it?").arg(m_document->displayName())
            : tr("Save your changes to the example \u201c%1\u201d as a file of your own before "
                 "closing it?")
                  .arg(QFileInfo(m_copiedFrom).completeBaseName());
    const auto answer = QMessageBox::question(
        m_window, tr("Unsaved changes"), text,
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

bool FileController::newDocument()
{
    if (!maybeSave())
        return false;
    core::Topology t;
    t.name = tr("Untitled").toStdString();
    m_document->reset(std::move(t));
    m_copiedFrom.clear();
    m_autosave->discard();
    Q_EMIT statusMessage(tr("New diagram"));
    return true;
}

bool FileController::open(const QString& path)
{
    return load(path, isExample(path), true);
}

bool FileController::openCopy(const QString& path)
{
    return load(path, true, true);
}

bool FileController::load(const QString& path, bool asCopy, bool askToSave)
{
    const core::LoadResult loaded =
        core::loadTopologyFile(QDir::toNativeSeparators(path).toStdString());
    if (!loaded.ok()) {
        QString text;
        for (const auto& d : loaded.diagnostics)
            if (d.severity == core::Severity::Error)
                text += QString::fromStdString(d.toString()) + QLatin1Char('\n');
        showError(tr("Cannot open %1").arg(QFileInfo(path).fileName()), text.trimmed());
        return false;
    }
    if (askToSave && !maybeSave())
        return false;
    const QString absolute = QFileInfo(path).absoluteFilePath();
    m_document->reset(*loaded.topology, asCopy ? QString() : absolute);
    m_copiedFrom = asCopy ? absolute : QString();
    if (!asCopy)
        addRecent(absolute);
    const QString shown = QDir::toNativeSeparators(path);
    // A node no view can reach (at 1e308) could be neither seen nor dragged back: it is
    // moved where the person sees it, as an edit they can undo, and they are told.
    const auto strays = strayNodeMoves(m_document->topology());
    if (!strays.empty()) {
        const QString nodes = strays.size() == 1 ? tr("1 node") : tr("%1 nodes").arg(strays.size());
        m_document->undoStack()->push(new MoveNodesCommand(
            m_document, strays, tr("Bring back %1 placed out of reach").arg(nodes)));
        Q_EMIT statusMessage(tr("Opened %1 — %2 placed beyond ±1,000,000 moved below the "
                                "diagram (Undo puts them back)")
                                 .arg(shown, nodes));
        return true;
    }
    const bool problems = core::hasErrors(m_document->diagnostics());
    if (problems)
        Q_EMIT statusMessage(tr("Opened %1 — it has errors: see Problems").arg(shown));
    else if (asCopy)
        Q_EMIT statusMessage(tr("Opened a copy of %1: Save asks where to keep your version")
                                 .arg(QFileInfo(path).fileName()));
    else
        Q_EMIT statusMessage(tr("Opened %1").arg(shown));
    return true;
}

bool FileController::openWithDialog()
{
    // Unsaved work first, as every editor does: the answer may well be Cancel.
    if (!maybeSave())
        return false;
    const QString start = m_document->filePath().isEmpty()
                              ? examplesDir()
                              : QFileInfo(m_document->filePath()).absolutePath();
    const QString path =
        QFileDialog::getOpenFileName(m_window, tr("Open diagram"), start, diagramFileFilter());
    return !path.isEmpty() && load(path, isExample(path), false);
}

bool FileController::save()
{
    if (m_document->filePath().isEmpty())
        return saveAs();
    return saveTo(m_document->filePath());
}

bool FileController::saveAs(const QString& given)
{
    QString path = given;
    if (path.isEmpty()) {
        if (!m_interactive)
            return false;
        path = askSaveFileName(m_window, tr("Save diagram as"), proposedSavePath(),
                               diagramFileFilter());
        if (path.isEmpty())
            return false;
    }
    return saveTo(path);
}

bool FileController::saveTo(const QString& path, QString* error)
{
    // Whole or not at all (see writeFileAtomically): a failed save, a full disk included,
    // leaves the previous file as it was.
    const std::string json = core::saveTopology(m_document->topology());
    QString problem;
    if (!writeFileAtomically(path, QByteArray::fromStdString(json), &problem)) {
        if (error)
            *error = problem;
        showError(tr("Cannot save %1").arg(QFileInfo(path).fileName()),
                  tr("%1\nThe previous file was left unchanged.").arg(problem));
        return false;
    }
    m_document->setFilePath(QFileInfo(path).absoluteFilePath());
    m_copiedFrom.clear(); // it is the user's own file now
    m_document->markSaved();
    m_autosave->discard();
    addRecent(QFileInfo(path).absoluteFilePath());
    Q_EMIT statusMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
    return true;
}

QStringList FileController::recentFiles() const
{
    return QSettings().value(QLatin1String(kRecentFilesKey)).toStringList();
}

void FileController::addRecent(const QString& path)
{
    QStringList files = recentFiles();
    files.removeAll(path);
    files.prepend(path);
    while (files.size() > kMaxRecentFiles)
        files.removeLast();
    QSettings().setValue(QLatin1String(kRecentFilesKey), files);
    Q_EMIT recentFilesChanged();
}

QString FileController::examplesDir()
{
    // An installed layout first (examples beside the binary), then the source tree.
    const QString appDir = QCoreApplication::applicationDirPath();
    for (const QString& candidate : {QDir(appDir).filePath(QStringLiteral("examples")),
                                     QDir(appDir).filePath(QStringLiteral("../examples")),
                                     QStringLiteral(SCALELAB_SOURCE_EXAMPLES)}) {
        if (QDir(candidate).exists() &&
            !QDir(candidate).entryList({QStringLiteral("*.scalelab")}, QDir::Files).isEmpty())
            return QDir(candidate).absolutePath();
    }
    return QStringLiteral(SCALELAB_SOURCE_EXAMPLES);
}

bool FileController::isExample(const QString& path)
{
    const QString folder = QFileInfo(path).absoluteDir().canonicalPath();
    return !folder.isEmpty() && folder == QDir(examplesDir()).canonicalPath();
}

QString FileController::proposedSavePath() const
{
    if (!m_document->filePath().isEmpty())
        return m_document->filePath();
    if (!m_copiedFrom.isEmpty())
        return gui::proposedSavePath(QDir::homePath(), QFileInfo(m_copiedFrom).completeBaseName(),
                                     diagramFileFilter());
    return gui::proposedSavePath(
        QDir::homePath(), QString::fromStdString(m_document->topology().name), diagramFileFilter());
}

QVector<ExampleFile> FileController::examples()
{
    QVector<ExampleFile> out;
    const QDir dir(examplesDir());
    for (const QString& name :
         dir.entryList({QStringLiteral("*.scalelab")}, QDir::Files, QDir::Name)) {
        const QString path = dir.filePath(name);
        const core::LoadResult loaded = core::loadTopologyFile(path.toStdString());
        ExampleFile e{path, QFileInfo(name).completeBaseName(), {}};
        if (loaded.topology) {
            if (!loaded.topology->name.empty())
                e.name = QString::fromStdString(loaded.topology->name);
            e.description = QString::fromStdString(loaded.topology->description);
        }
        out.push_back(e);
    }
    return out;
}

bool FileController::offerRecovery()
{
    const QStringList orphans = Autosave::orphanedRecoveries();
    if (orphans.isEmpty())
        return false;
    // The newest first; any older one is offered at the next start.
    const QString recovery = orphans.front();
    if (m_interactive) {
        const auto answer = QMessageBox::question(
            m_window, tr("Recover unsaved work?"),
            tr("ScaleLab did not close normally last time. Restore the diagram it was "
               "editing (autosaved)?"),
            QMessageBox::Yes | QMessageBox::Discard, QMessageBox::Yes);
        if (answer != QMessageBox::Yes) {
            Autosave::removeRecovery(recovery);
            return false;
        }
    }
    return recover(recovery);
}

bool FileController::recover(const QString& recovery)
{
    const core::LoadResult loaded = core::loadTopologyFile(recovery.toStdString());
    if (!loaded.topology) {
        Autosave::removeRecovery(recovery);
        return false;
    }
    m_document->reset(*loaded.topology, Autosave::originalPathOf(recovery));
    // Recovered work is unsaved work: it must stay marked modified until saved.
    m_document->undoStack()->resetClean(); // emits modifiedChanged(true) through cleanChanged
    // It is this session's now: written to this session's recovery file before the old
    // one goes, so a crash right now loses nothing.
    if (m_autosave->saveNow())
        Autosave::removeRecovery(recovery);
    Q_EMIT statusMessage(tr("Recovered unsaved work from the last session"));
    return true;
}

} // namespace scalelab::gui
