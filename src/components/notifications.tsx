import type { ReactNode } from 'react';
import {
  Link, Spinner, Toast, ToastBody, ToastTitle, ToastTrigger, useToastController, type ToastIntent,
} from '@fluentui/react-components';

export const NOTIFICATIONS_TOASTER_ID = 'portal-notifications';

export interface PortalNotification {
  id: string;
  intent: ToastIntent | 'progress';
  title: string;
  body?: ReactNode;
  action?: { label: string; onClick: () => void };
}

function NotificationView({ n }: { n: PortalNotification }) {
  return (
    <Toast>
      <ToastTitle
        media={n.intent === 'progress' ? <Spinner size="tiny" /> : undefined}
        action={
          n.intent === 'progress' ? undefined : (
            <ToastTrigger>
              <Link>Dismiss</Link>
            </ToastTrigger>
          )
        }
      >
        {n.title}
      </ToastTitle>
      {(n.body || n.action) && (
        <ToastBody subtitle={n.action && <Link onClick={n.action.onClick}>{n.action.label}</Link>}>{n.body}</ToastBody>
      )}
    </Toast>
  );
}

/** Portal-style notifications: one per long-running task, updated in place from progress to its outcome. */
export function useNotifications() {
  const { dispatchToast, updateToast } = useToastController(NOTIFICATIONS_TOASTER_ID);
  return {
    show(n: PortalNotification) {
      dispatchToast(<NotificationView n={n} />, {
        toastId: n.id,
        intent: n.intent === 'progress' ? 'info' : n.intent,
        timeout: -1,
        politeness: n.intent === 'error' ? 'assertive' : 'polite',
      });
    },
    update(n: PortalNotification) {
      updateToast({
        toastId: n.id,
        content: <NotificationView n={n} />,
        intent: n.intent === 'progress' ? 'info' : n.intent,
        timeout: n.intent === 'success' ? 30_000 : -1,
        politeness: n.intent === 'error' ? 'assertive' : 'polite',
      });
    },
  };
}
