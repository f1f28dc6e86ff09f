package publish

import (
	"strings"
	"testing"
)

func TestParseTarget(t *testing.T) {
	good := []struct{ to, want string }{
		{"/srv/www/rddbjy", "/srv/www/rddbjy"},
		{"file:///srv/www/rddbjy", "/srv/www/rddbjy"},
		{"sftp://web@www.example.gov.cn/srv/www/rddbjy/", "sftp://web@www.example.gov.cn:22/srv/www/rddbjy"},
		{"sftp://web@www.example.gov.cn:2222/srv/www", "sftp://web@www.example.gov.cn:2222/srv/www"},
		{"sftp://web@[::1]:2222/srv/www", "sftp://web@[::1]:2222/srv/www"},
		{"sftp://web@host/~/public_html/rddbjy", "sftp://web@host:22/~/public_html/rddbjy"},
		{"package:out/rddbjy.zip", "package:out/rddbjy.zip"},
		{"package:rddbjy.tar.gz", "package:rddbjy.tar.gz"},
	}
	for _, c := range good {
		spec, err := ParseTarget(c.to)
		if err != nil || spec.String() != c.want {
			t.Errorf("%s: %q, %v; want %q", c.to, spec, err, c.want)
		}
	}
	if spec, _ := ParseTarget("sftp://web@host/~/www"); spec.Path != "www" {
		t.Errorf("a folder in the home folder is %q", spec.Path)
	}
	bad := []struct{ to, want string }{
		{"", "no target: give -to"},
		{"sftp://host/srv/www", "name the user to log in as"},
		{"sftp://web@host", "name the site's folder on the server"},
		{"sftp://web@host/", "name the site's folder on the server"},
		{"sftp://web@host:99999/srv", "the port must be a number from 1 to 65535"},
		{"sftp://web:s3cret@host/srv", "sftp://web@host/srv: the address holds a password"},
		{"ftp://host/srv", "cannot publish to a ftp address"},
		{"https://www.example.gov.cn/rddbjy/", "a web address can be checked with verify"},
		{"file://otherhost/srv", "a file address names a folder on this computer"},
		{"package:rddbjy.rar", "a package is a .zip or .tar.gz file"},
	}
	for _, c := range bad {
		_, err := ParseTarget(c.to)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.to, err, c.want)
		}
		if err != nil && strings.Contains(err.Error(), "s3cret") {
			t.Errorf("%q: the password is in the error", c.to)
		}
	}
}
