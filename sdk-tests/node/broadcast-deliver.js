#!/usr/bin/env node
/*
 * Fabric's own Node.js client library (npm fabric-common 2.2, with its fabric-protos and @grpc/grpc-js) against
 * the ordering service of a network launched by RaftLens. Everything on the wire is built, signed and sent by
 * fabric-common:
 *   1. ENDORSER_TRANSACTION envelopes built by fabric-common's Endorsement/Commit from the client's identity
 *      (User.createUser from the sample's cryptogen files), signed with its Signer, sent with
 *      Committer.sendBroadcast (through Commit.send); the orderer must answer SUCCESS.
 *   2. The same from an identity of another CA that claims the client's MSP id: FORBIDDEN.
 *   3. Deliver: a SeekInfo envelope built and signed by fabric-common's EventService, sent on the Committer's own
 *      AtomicBroadcast service (fabric-common's orderer connection; its EventService speaks the peer's Deliver),
 *      streaming blocks until the broadcast transactions have arrived. Blocks are decoded with BlockDecoder; the
 *      SIGNATURES metadata of each is checked with node's crypto as Fabric's BlockValidation does for the orderer
 *      organization: signer certificate issued by the orderer CA and one of the consenters', ECDSA signature over
 *      metadata value || signature header || ASN.1 block header (protoutil.BlockHeaderBytes); data_hash is
 *      recomputed (SHA-256 of the concatenated envelopes).
 *   4. The stranger's Deliver request: FORBIDDEN.
 * No endorsing peer exists in a RaftLens network, so the proposal response that a peer would return is made here,
 * signed by the sample's peer0 identity: the orderer does not look inside an ENDORSER_TRANSACTION (Fabric's
 * doesn't either), but the envelope is shaped as on a real network.
 *
 * Result: a JSON document written to --out (and a one-line summary on stdout); exit 0 when every check passed,
 * 1 when one failed, 2 for bad arguments. fabric-common's own log goes nowhere unless HFC_LOGGING says so.
 */
'use strict';

if (!process.env.HFC_LOGGING) {
	process.env.HFC_LOGGING = '{}';
}

const crypto = require('crypto');
const fs = require('fs');
const {parseArgs} = require('util');
// loaded after the arguments are checked: fabric-common's configuration (nconf + yargs) reads process.argv and
// would answer --help itself
let Client, User, BlockDecoder, fabproto6;

function loadFabricCommon() {
	({Client, User, BlockDecoder} = require('fabric-common'));
	fabproto6 = require('fabric-protos');
}

const USAGE = `usage: node broadcast-deliver.js --check-block BLOCK_FILE
       node broadcast-deliver.js --orderer grpcs://127.0.0.1:PORT --host ORDERER_TLS_NAME --tls-ca FILE
    --channel NAME --msp-id ID --cert FILE --key FILE --endorser-cert FILE --endorser-key FILE
    --stranger-cert FILE --stranger-key FILE --orderer-msp-id ID --orderer-ca FILE
    --orderer-cert FILE [--orderer-cert FILE ...] [--transactions N] [--timeout-ms N] [--out FILE]`;

function options(argv) {
	const {values} = parseArgs({
		args: argv,
		options: {
			'orderer': {type: 'string'},
			'host': {type: 'string'},
			'tls-ca': {type: 'string'},
			'channel': {type: 'string'},
			'msp-id': {type: 'string'},
			'cert': {type: 'string'},
			'key': {type: 'string'},
			'endorser-cert': {type: 'string'},
			'endorser-key': {type: 'string'},
			'stranger-cert': {type: 'string'},
			'stranger-key': {type: 'string'},
			'orderer-msp-id': {type: 'string'},
			'orderer-ca': {type: 'string'},
			'orderer-cert': {type: 'string', multiple: true},
			'transactions': {type: 'string', default: '3'},
			'timeout-ms': {type: 'string', default: '20000'},
			'out': {type: 'string'},
			'help': {type: 'boolean'},
			'check-block': {type: 'string'},
		},
	});
	if (values.help) {
		throw new UsageError('');
	}
	if (values['check-block'] !== undefined) {
		if (!fs.existsSync(values['check-block'])) {
			throw new UsageError(`--check-block: no such file ${values['check-block']}`);
		}
		return values;
	}
	const required = ['orderer', 'host', 'tls-ca', 'channel', 'msp-id', 'cert', 'key', 'endorser-cert', 'endorser-key',
		'stranger-cert', 'stranger-key', 'orderer-msp-id', 'orderer-ca', 'orderer-cert'];
	const missing = required.filter((k) => values[k] === undefined);
	if (missing.length) {
		throw new UsageError(`missing --${missing.join(', --')}`);
	}
	for (const k of ['tls-ca', 'cert', 'key', 'endorser-cert', 'endorser-key', 'stranger-cert', 'stranger-key', 'orderer-ca']) {
		if (!fs.existsSync(values[k])) {
			throw new UsageError(`--${k}: no such file ${values[k]}`);
		}
	}
	return values;
}

class UsageError extends Error {
}

function read(file) {
	return fs.readFileSync(file, 'utf8');
}

/** The payload a peer would endorse: one write to the chaincode's namespace. */
function fakePeerResponse(endorsement, endorserUser, chaincode, key, value) {
	const header = endorsement._action.header;
	const ccPayload = fabproto6.protos.ChaincodeProposalPayload.decode(endorsement._action.proposal.payload);
	const ccPayloadNoTransient = fabproto6.protos.ChaincodeProposalPayload.encode(
		fabproto6.protos.ChaincodeProposalPayload.create({input: ccPayload.input})).finish();
	// protoutil.GetProposalHash1: channel header || signature header || proposal payload without the transient map
	const proposalHash = crypto.createHash('sha256')
		.update(header.channel_header).update(header.signature_header).update(ccPayloadNoTransient).digest();
	const kvrwset = fabproto6.kvrwset.KVRWSet.encode(fabproto6.kvrwset.KVRWSet.create({
		writes: [{key, value: Buffer.from(value)}],
	})).finish();
	const results = fabproto6.rwset.TxReadWriteSet.encode(fabproto6.rwset.TxReadWriteSet.create({
		data_model: fabproto6.rwset.TxReadWriteSet.DataModel.KV,
		ns_rwset: [{namespace: chaincode, rwset: kvrwset}],
	})).finish();
	const response = {status: 200, message: '', payload: Buffer.from(value)};
	const action = fabproto6.protos.ChaincodeAction.encode(fabproto6.protos.ChaincodeAction.create({
		results, response, chaincode_id: {name: chaincode, version: '1.0'},
	})).finish();
	const payload = Buffer.from(fabproto6.protos.ProposalResponsePayload.encode(
		fabproto6.protos.ProposalResponsePayload.create({proposal_hash: proposalHash, extension: action})).finish());
	const endorser = Buffer.from(endorserUser.getIdentity().serialize());
	// a peer signs ProposalResponse.payload || endorser (core/endorser/endorser.go)
	const signature = Buffer.from(endorserUser.getSigningIdentity().sign(Buffer.concat([payload, endorser])));
	return {version: 1, response, payload, endorsement: {endorser, signature}};
}

/** Endorsement → Commit → Committer.sendBroadcast, all fabric-common. */
async function broadcastTransaction(channel, committer, idContext, endorserUser, key, value) {
	const endorsement = channel.newEndorsement('basic');
	endorsement.build(idContext, {fcn: 'CreateAsset', args: [key, value]});
	endorsement.sign(idContext);
	endorsement._proposalResponses = [fakePeerResponse(endorsement, endorserUser, 'basic', key, value)];
	const commit = endorsement.newCommit();
	commit.build(idContext);
	commit.sign(idContext);
	const txId = endorsement.getTransactionId();
	try {
		const response = await commit.send({targets: [committer], requestTimeout: 10000});
		return {txId, status: response.status, info: response.info || ''};
	} catch (e) {
		return {txId, status: 'ERROR', info: String(e && e.message || e)};
	}
}

/** Go's asn1.Marshal of protoutil's asn1Header{Number *big.Int; PreviousHash, DataHash []byte}. */
function blockHeaderBytes(header) {
	const len = (n) => {
		if (n < 0x80) {
			return Buffer.from([n]);
		}
		const bytes = [];
		for (let v = n; v > 0; v = Math.floor(v / 256)) {
			bytes.unshift(v & 0xff);
		}
		return Buffer.from([0x80 | bytes.length, ...bytes]);
	};
	const tlv = (tag, body) => Buffer.concat([Buffer.from([tag]), len(body.length), body]);
	let n = BigInt(header.number.toString());
	const num = [];
	do {
		num.unshift(Number(n & 0xffn));
		n >>= 8n;
	} while (n > 0n);
	if (num[0] & 0x80) {
		num.unshift(0); // a positive INTEGER keeps its sign bit clear
	}
	return tlv(0x30, Buffer.concat([
		tlv(0x02, Buffer.from(num)),
		tlv(0x04, Buffer.from(header.previous_hash || [])),
		tlv(0x04, Buffer.from(header.data_hash || [])),
	]));
}

/** The SIGNATURES metadata of one block checked against the orderer organization's CA and the consenters' certs. */
function checkSignatures(rawBlock, ordererMspId, ordererCa, consenterCerts) {
	const metadata = fabproto6.common.Metadata.decode(rawBlock.metadata.metadata[0] || Buffer.alloc(0));
	const signed = blockHeaderBytes(rawBlock.header);
	return metadata.signatures.map((s) => {
		const sigHeader = fabproto6.common.SignatureHeader.decode(s.signature_header);
		const creator = fabproto6.msp.SerializedIdentity.decode(sigHeader.creator);
		const out = {mspId: creator.mspid, signer: null, fromOrdererCa: false, consenter: false, valid: false};
		try {
			const cert = new crypto.X509Certificate(Buffer.from(creator.id_bytes));
			out.signer = cert.subject.replace(/\n/g, ',');
			out.fromOrdererCa = ordererCa !== null && cert.checkIssued(ordererCa) && cert.verify(ordererCa.publicKey);
			out.consenter = consenterCerts.some((c) => c.fingerprint256 === cert.fingerprint256);
			const message = Buffer.concat([Buffer.from(metadata.value || []), Buffer.from(s.signature_header), signed]);
			out.valid = crypto.verify('sha256', message, cert.publicKey, Buffer.from(s.signature));
		} catch (e) {
			out.error = String(e.message || e);
		}
		out.ok = out.mspId === ordererMspId && out.fromOrdererCa && out.consenter && out.valid;
		return out;
	});
}

/**
 * One Deliver stream on the Committer's AtomicBroadcast service: sends the EventService-built envelope, collects
 * blocks until `enough(blocks)` says so (then cancels, as a client that has what it wants does) or a status arrives.
 */
function deliver(committer, envelope, enough, timeoutMs) {
	return new Promise((resolve) => {
		const blocks = [];
		const stream = committer.service.deliver();
		let done = false;
		const finish = (status, info) => {
			if (!done) {
				done = true;
				clearTimeout(timer);
				stream.cancel();
				resolve({status, info, blocks});
			}
		};
		const timer = setTimeout(() => finish('TIMEOUT', `no answer within ${timeoutMs} ms`), timeoutMs);
		stream.on('data', (response) => {
			if (response.Type === 'block') {
				blocks.push(response.block);
				if (enough(blocks)) {
					finish('SUCCESS', 'client has the blocks it wanted');
				}
			} else if (response.Type === 'status') {
				const status = typeof response.status === 'number' ? fabproto6.common.Status[response.status] : response.status;
				finish(status, '');
			}
		});
		stream.on('error', (e) => finish('ERROR', String(e && e.message || e)));
		stream.on('end', () => finish('END', 'stream ended without a status'));
		stream.write(envelope);
	});
}

function seekEnvelope(channel, idContext, startBlock) {
	const eventService = channel.newEventService('deliver');
	eventService.build(idContext, {startBlock, blockType: 'full'});
	eventService.sign(idContext);
	return eventService.getSignedEnvelope();
}

/** The last config block's number as the SIGNATURES metadata value holds it (Fabric 2.x OrdererBlockMetadata). */
function lastConfig(raw) {
	const metadata = fabproto6.common.Metadata.decode(raw.metadata.metadata[0] || Buffer.alloc(0));
	if (!metadata.value || metadata.value.length === 0) {
		return null;
	}
	const value = fabproto6.common.OrdererBlockMetadata.decode(metadata.value);
	return value.last_config ? Number(value.last_config.index.toString()) : null;
}

function describeBlock(raw, ordererMspId, ordererCa, consenterCerts) {
	const decoded = BlockDecoder.decodeBlock(raw);
	const dataHash = crypto.createHash('sha256');
	raw.data.data.forEach((d) => dataHash.update(d));
	return {
		number: Number(decoded.header.number.toString()),
		dataHashOk: dataHash.digest().equals(Buffer.from(raw.header.data_hash)),
		lastConfig: lastConfig(raw),
		transactions: decoded.data.data.map((env) => ({
			type: fabproto6.common.HeaderType[env.payload.header.channel_header.type],
			txId: env.payload.header.channel_header.tx_id,
			creatorMspId: env.payload.header.signature_header.creator.mspid,
		})),
		signatures: checkSignatures(raw, ordererMspId, ordererCa, consenterCerts),
	};
}

async function run(o) {
	const count = Number.parseInt(o.transactions, 10);
	const timeoutMs = Number.parseInt(o['timeout-ms'], 10);
	const client = Client.newClient('raftlens-sdk-test');
	const endpoint = client.newEndpoint({
		url: o.orderer,
		pem: read(o['tls-ca']),
		'ssl-target-name-override': o.host,
		requestTimeout: 10000,
		'grpc-wait-for-ready-timeout': 10000,
	});
	const committer = client.newCommitter(o.host, o['orderer-msp-id']);
	await committer.connect(endpoint);
	const channel = client.newChannel(o.channel);
	channel.addCommitter(committer);

	const user = User.createUser('User1', null, o['msp-id'], read(o.cert), read(o.key));
	const endorser = User.createUser('peer0', null, o['msp-id'], read(o['endorser-cert']), read(o['endorser-key']));
	const stranger = User.createUser('stranger', null, o['msp-id'], read(o['stranger-cert']), read(o['stranger-key']));
	const userContext = client.newIdentityContext(user);
	const strangerContext = client.newIdentityContext(stranger);

	const result = {
		client: `fabric-common ${require('fabric-common/package.json').version}`,
		node: process.version,
		orderer: o.orderer,
		broadcasts: [],
	};
	for (let i = 0; i < count; i++) {
		result.broadcasts.push(await broadcastTransaction(channel, committer, userContext, endorser, `asset${i}`, `value ${i}`));
	}
	result.stranger = await broadcastTransaction(channel, committer, strangerContext, endorser, 'forged', 'forged');

	const ordererCa = new crypto.X509Certificate(read(o['orderer-ca']));
	const consenterCerts = o['orderer-cert'].map((f) => new crypto.X509Certificate(read(f)));
	const wanted = new Set(result.broadcasts.filter((b) => b.status === 'SUCCESS').map((b) => b.txId));
	const seen = new Set();
	const got = await deliver(committer, seekEnvelope(channel, userContext, 0), (blocks) => {
		const last = BlockDecoder.decodeBlock(blocks[blocks.length - 1]);
		last.data.data.forEach((env) => seen.add(env.payload.header.channel_header.tx_id));
		return wanted.size > 0 && [...wanted].every((id) => seen.has(id));
	}, timeoutMs);
	result.deliver = {
		status: got.status,
		info: got.info,
		blocks: got.blocks.map((raw) => describeBlock(raw, o['orderer-msp-id'], ordererCa, consenterCerts)),
	};
	const strangerDeliver = await deliver(committer, seekEnvelope(channel, strangerContext, 0), () => false, timeoutMs);
	result.strangerDeliver = {status: strangerDeliver.status, blocks: strangerDeliver.blocks.length};

	const delivered = new Set(result.deliver.blocks.flatMap((b) => b.transactions.map((t) => t.txId)));
	const failures = [];
	result.broadcasts.filter((b) => b.status !== 'SUCCESS')
		.forEach((b) => failures.push(`broadcast ${b.txId}: ${b.status} ${b.info}`));
	if (result.stranger.status !== 'FORBIDDEN') {
		failures.push(`stranger's broadcast: ${result.stranger.status} ${result.stranger.info} (expected FORBIDDEN)`);
	}
	if (result.deliver.status !== 'SUCCESS') {
		failures.push(`deliver: ${result.deliver.status} ${result.deliver.info}`);
	}
	result.broadcasts.filter((b) => !delivered.has(b.txId)).forEach((b) => failures.push(`transaction ${b.txId} not delivered`));
	for (const b of result.deliver.blocks) {
		if (!b.dataHashOk) {
			failures.push(`block ${b.number}: data_hash does not match its data`);
		}
		// block 0 is the genesis block as configtxgen writes it, unsigned; every block an orderer writes is signed
		if (b.number > 0 && !b.signatures.some((s) => s.ok)) {
			failures.push(`block ${b.number}: no valid orderer signature (${JSON.stringify(b.signatures)})`);
		}
	}
	if (result.strangerDeliver.status !== 'FORBIDDEN') {
		failures.push(`stranger's deliver: ${result.strangerDeliver.status} (expected FORBIDDEN)`);
	}
	result.failures = failures;
	result.ok = failures.length === 0;

	committer.disconnect();
	client.close();
	return result;
}

/**
 * --check-block: the signature check above on a block file (a common.Block as Fabric stores it in
 * orderer/common/cluster/testdata), each signature against its creator's certificate only. Shows that the
 * message this script verifies is the one Fabric's blockwriter signs.
 */
function checkBlockFile(file) {
	const raw = fabproto6.common.Block.decode(fs.readFileSync(file));
	const signatures = checkSignatures(raw, null, null, []).map((s) => ({mspId: s.mspId, signer: s.signer, valid: s.valid, error: s.error}));
	const ok = signatures.length > 0 && signatures.every((s) => s.valid);
	process.stdout.write(JSON.stringify({number: Number(raw.header.number.toString()), signatures, ok}) + '\n');
	return ok ? 0 : 1;
}

async function main() {
	let o;
	try {
		o = options(process.argv.slice(2));
	} catch (e) {
		process.stderr.write(`${e.message ? e.message + '\n' : ''}${USAGE}\n`);
		return e.message ? 2 : 0;
	}
	loadFabricCommon();
	if (o['check-block'] !== undefined) {
		return checkBlockFile(o['check-block']);
	}
	let result;
	try {
		result = await run(o);
	} catch (e) {
		result = {ok: false, failures: [String(e && e.stack || e)]};
	}
	const json = JSON.stringify(result, null, 2);
	if (o.out) {
		fs.writeFileSync(o.out, json + '\n');
	}
	process.stdout.write(result.ok ? `ok: ${result.broadcasts.length} transactions broadcast and delivered in signed blocks\n`
		: `FAILED:\n  ${result.failures.join('\n  ')}\n`);
	if (!o.out) {
		process.stdout.write(json + '\n');
	}
	return result.ok ? 0 : 1;
}

main().then((code) => process.exit(code));
