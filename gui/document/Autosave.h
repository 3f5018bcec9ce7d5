#pragma once

#include <memory>

#include <QObject>
#include <QString>
#include <QStringList>

class QLockFile;
class QTimer;

namespace scalelab::gui {

class Document;

/// Every 30 s, writes the modified document to this session's own recovery file in
/// AppDataLocation/recovery (<session>.scalelab, with <session>.origin naming the file it
/// belongs to). A save or a clean exit removes it. The session holds <session>.lock for
/// its whole life, so a recovery file whose lock is free was left by a session that ended
/// without saving (a crash) and is offered at start-up, while another running window's
/// work is never offered, overwritten or removed by this one.
class Autosave : public QObject {
    Q_OBJECT
public:
    explicit Autosave(Document* document, QObject* parent = nullptr);
    ~Autosave() override;

    /// This session's recovery file (it exists only while there is unsaved work).
    QString recoveryPath() const;
    bool hasRecoveryFile() const;

    void setIntervalMs(int ms);
    /// Writes the recovery file now when the document has unsaved changes.
    bool saveNow();
    /// Removes this session's recovery file (after a save or a clean exit).
    void discard();

    /// Recovery files left by sessions that are no longer running, newest first.
    static QStringList orphanedRecoveries();
    /// The file the recovered work belonged to ("" for an untitled diagram).
    static QString originalPathOf(const QString& recoveryFile);
    /// Removes an orphaned recovery file (restored or declined).
    static void removeRecovery(const QString& recoveryFile);

Q_SIGNALS:
    /// A recovery file could not be written (full disk, no permission): the unsaved work is
    /// not protected, and the person should know. `reason` names the file and the cause.
    void failed(const QString& reason);

private:
    Document* m_document;
    QTimer* m_timer;
    QString m_session;
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace scalelab::gui
