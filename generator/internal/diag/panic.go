package diag

import "fmt"

// Panicked is the problem for a panic recovered while reading or rendering
// file: one file that trips a bug names itself and never stops the whole
// command, nor the preview.
func Panicked(file string, v any) *Error {
	return &Error{
		Pos:  Pos{File: file},
		Msg:  fmt.Sprintf("internal error while reading or rendering this file: %v", v),
		Hint: "this is a bug in the generator; please report it with this file. Meanwhile, changing the text edited last usually avoids it",
	}
}
