#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <QVector>

class QWidget;

namespace scalelab::gui {

class Autosave;
class Document;

/// An example diagram shipped in `examples/`.
struct ExampleFile {
    QString path;
    QString name;
    QString description;
};

/// File handling of the window: new, open, save (through QSaveFile), recent files,
/// examples, asking to save, and the autosave/recovery cycle. When not interactive
/// (tests, --screenshot) it never opens a dialog: problems go to stderr instead.
class FileController : public QObject {
    Q_OBJECT
public:
    FileController(Document* document, QWidget* window, bool interactive,
                   QObject* parent = nullptr);

    bool isInteractive() const { return m_interactive; }
    Autosave* autosave() const { return m_autosave; }

    /// Asks to save unsaved changes; false means the user cancelled.
    bool maybeSave();
    bool newDocument();
    /// Opens a file; a broken file shows its errors and leaves the document as it was.
    /// A shipped example (a file of examplesDir()) opens as an untitled copy.
    bool open(const QString& path);
    /// Opens a file as an untitled copy: Save asks for a new name, so the original (an
    /// example, a tutorial) is never overwritten by Ctrl+S.
    bool openCopy(const QString& path);
    /// Asks about unsaved changes first, then for the file.
    bool openWithDialog();
    bool save();
    bool saveAs(const QString& path = {});
    /// Writes the document to `path` atomically; on failure the old file is untouched.
    bool saveTo(const QString& path, QString* error = nullptr);

    QStringList recentFiles() const;
    static QVector<ExampleFile> examples();
    static QString examplesDir();
    /// True for a file inside examplesDir().
    static bool isExample(const QString& path);

    /// The name Save As proposes: the file's, an example copy's original name, or one
    /// made from the diagram's name.
    QString proposedSavePath() const;
    /// The original of an untitled copy (empty otherwise).
    QString copiedFrom() const { return m_copiedFrom; }

    /// Offers (interactive) or performs the restore of the newest recovery file a crashed
    /// session left (Autosave::orphanedRecoveries()); true if restored.
    bool offerRecovery();
    bool recover(const QString& recoveryFile);

    /// The last error shown (tests read it instead of a dialog).
    QString lastError() const { return m_lastError; }

Q_SIGNALS:
    void recentFilesChanged();
    void statusMessage(const QString& text);

private:
    bool load(const QString& path, bool asCopy, bool askToSave);
    void addRecent(const QString& path);
    void showError(const QString& title, const QString& text);

    Document* m_document;
    QWidget* m_window;
    bool m_interactive;
    Autosave* m_autosave;
    QString m_lastError;
    QString m_copiedFrom;
};

} // namespace scalelab::gui
