#!/usr/bin/env bash
# Generates development-only TLS/MSP material for a sample network, laid out like cryptogen's output:
#   DIR/ordererOrganizations/example.com/{ca,tlsca,msp/{cacerts,tlscacerts}}
#   DIR/ordererOrganizations/example.com/orderers/ordererN.example.com/tls/{ca.crt,server.crt,server.key}
#   DIR/peerOrganizations/org1.example.com/{ca,msp/cacerts}
# EC P-256 keys, 10-year certificates, server certificates with SANs host, short host, localhost and
# 127.0.0.1 (serverAuth + clientAuth, as Fabric's cluster uses one certificate both ways).
# Never use these keys anywhere but a laptop.
#
# usage: scripts/gen-dev-crypto.sh DIR ORDERER_COUNT      e.g. scripts/gen-dev-crypto.sh samples/three-orderers/crypto 3
set -euo pipefail

if [ $# -ne 2 ] || ! [[ "$2" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 DIR ORDERER_COUNT (DIR must not exist yet)" >&2
  exit 2
fi
out="$1"
count="$2"
if [ -e "$out" ]; then
  echo "$0: $out exists; remove it first (regenerating changes every key)" >&2
  exit 2
fi
command -v openssl >/dev/null || { echo "$0: openssl is needed" >&2; exit 2; }

days=3650
subj_base="/C=US/ST=California/L=San Francisco"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

key() { # key FILE: a P-256 key in PKCS#8, as cryptogen writes priv_sk
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null
}

ca() { # ca DIR NAME ORG: self-signed CA certificate DIR/NAME-cert.pem with key DIR/priv_sk
  local dir="$1" name="$2" org="$3"
  mkdir -p "$dir"
  key "$dir/priv_sk"
  cat >"$tmp/ca.cnf" <<EOF
[req]
distinguished_name = dn
[dn]
[ext]
basicConstraints = critical, CA:TRUE
keyUsage = critical, digitalSignature, keyCertSign, cRLSign
subjectKeyIdentifier = hash
EOF
  openssl req -new -x509 -key "$dir/priv_sk" -sha256 -days "$days" -subj "$subj_base/O=$org/CN=$name" \
    -config "$tmp/ca.cnf" -extensions ext -out "$dir/$name-cert.pem"
}

server() { # server DIR HOST CA_DIR CA_NAME: TLS key pair for HOST signed by the TLS CA
  local dir="$1" host="$2" cadir="$3" caname="$4"
  mkdir -p "$dir"
  key "$dir/server.key"
  cat >"$tmp/srv.cnf" <<EOF
[req]
distinguished_name = dn
[dn]
[ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth, clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:$host, DNS:${host%%.*}, DNS:localhost, IP:127.0.0.1
EOF
  openssl req -new -key "$dir/server.key" -subj "$subj_base/CN=$host" -out "$tmp/srv.csr"
  openssl x509 -req -in "$tmp/srv.csr" -CA "$cadir/$caname-cert.pem" -CAkey "$cadir/priv_sk" \
    -CAcreateserial -CAserial "$tmp/serial" -sha256 -days "$days" -extfile "$tmp/srv.cnf" -extensions ext \
    -out "$dir/server.crt" 2>/dev/null
  cp "$cadir/$caname-cert.pem" "$dir/ca.crt"
}

org="$out/ordererOrganizations/example.com"
ca "$org/ca" ca.example.com example.com
ca "$org/tlsca" tlsca.example.com example.com
mkdir -p "$org/msp/cacerts" "$org/msp/tlscacerts"
cp "$org/ca/ca.example.com-cert.pem" "$org/msp/cacerts/"
cp "$org/tlsca/tlsca.example.com-cert.pem" "$org/msp/tlscacerts/"
for i in $(seq 1 "$count"); do
  server "$org/orderers/orderer$i.example.com/tls" "orderer$i.example.com" "$org/tlsca" tlsca.example.com
done

peer="$out/peerOrganizations/org1.example.com"
ca "$peer/ca" ca.org1.example.com org1.example.com
mkdir -p "$peer/msp/cacerts"
cp "$peer/ca/ca.org1.example.com-cert.pem" "$peer/msp/cacerts/"

echo "$0: wrote $count orderers' TLS material under $out (valid $days days)"
