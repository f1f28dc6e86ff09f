package render

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"strconv"

	"rdjy.local/portal/generator/internal/content"
	"rdjy.local/portal/generator/internal/stats"
)

// A suggestion's attachments (附件) are published as they are, once, at
// the suggestion's address in the Simplified edition
// (/suggestions/<number>/<name>), and both editions' pages link there.

// attachmentURL is the address of a suggestion's attachment.
func (e *Edition) attachmentURL(sg *content.Suggestion, a *content.Attachment) string {
	return e.files + "suggestions/" + url.PathEscape(sg.Number) + "/" + url.PathEscape(a.Name)
}

// attachments lists the files published with sg, for its page.
func (e *Edition) attachments(sg *content.Suggestion) []AttachmentView {
	var out []AttachmentView
	for i := range sg.Attachments {
		a := &sg.Attachments[i]
		out = append(out, AttachmentView{Title: a.Title, Name: a.Name, URL: e.attachmentURL(sg, a), Type: a.Type.Name, MIME: a.Type.MIME, Size: e.size(a.Size)})
	}
	return out
}

// size says a file's size: whole kilobytes (rounded up, so that a small
// file is not "0 KB") below a megabyte, megabytes with one decimal from
// there.
func (e *Edition) size(n int64) string {
	const kb, mb = 1024, 1024 * 1024
	if n < mb {
		return e.w.Attachments.KB.Format(strconv.FormatInt(max(1, (n+kb-1)/kb), 10))
	}
	return e.w.Attachments.MB.Format(stats.OneDecimal(int(n), mb))
}

// attachmentTasks lists the attachments of every published suggestion,
// each read by read (the site's files) when it is made.
func (s *Site) attachmentTasks() []*task {
	if s.read == nil {
		return nil
	}
	var tasks []*task
	for _, sg := range s.idx.All {
		for i := range sg.Attachments {
			a := &sg.Attachments[i]
			tasks = append(tasks, &task{
				file: "suggestions/" + sg.Number + "/" + a.Name,
				sg:   sg,
				make: fromBytes(func() ([]byte, error) { return s.readAttachment(a) }),
			})
		}
	}
	return tasks
}

// readAttachment reads a as the site has it now: a file changed since the
// site was loaded would no longer be what its SHA-256 in the open data
// says, so it is refused.
func (s *Site) readAttachment(a *content.Attachment) ([]byte, error) {
	data, err := s.read(a.File)
	if err != nil {
		return nil, err
	}
	if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != a.SHA256 {
		return nil, fmt.Errorf("%s changed while the site was built; build again", a.File)
	}
	return data, nil
}
