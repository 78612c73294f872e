/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SLSEC_EVENT_H
#define _SLSEC_EVENT_H

#include <linux/types.h>

struct slsec_group;

/**
 * struct slsec_event_arg - what an event says besides its group
 * @type:   enum slsec_event
 * @key_id: the key, if @has_key
 * @sender: the sender id, if @has_sender
 * @kind:   enum slsec_expire_kind, if @has_kind
 * @install: a sender's installation id, if @has_install
 * @kek_id: the KEK that opened a bundle, if @has_bundle
 * @seq:    the bundle's sequence number, if @has_bundle
 * @forgeries: authentication failures under a traffic key, if
 *          @has_forgeries
 * @unauth: raised by a frame that did not authenticate: what it names
 *          (key id, sender id) is only what the frame claimed
 */
struct slsec_event_arg {
	u32 type;
	u32 key_id;
	u32 sender;
	u32 kind;
	u64 install;
	u32 kek_id;
	u64 seq;
	u64 forgeries;
	bool has_key, has_sender, has_kind, has_install, has_bundle;
	bool has_forgeries, unauth;
};

void slsec_event(struct slsec_group *g, const struct slsec_event_arg *ev,
		 gfp_t gfp);
void slsec_event_key(struct slsec_group *g, u32 type, u8 key_id);
void slsec_event_expire(struct slsec_group *g, u32 type, u8 key_id, u32 kind);
void slsec_event_rx(struct slsec_group *g, unsigned int which, u32 type,
		    u8 key_id, u32 sender);
void slsec_event_forgery(struct slsec_group *g, u32 type, u8 key_id,
			 u32 sender, u64 n);
void slsec_event_bundle(struct slsec_group *g, u8 kek_id, u64 seq,
			u8 key_id);
void slsec_events_enable(bool on);

#endif /* _SLSEC_EVENT_H */
